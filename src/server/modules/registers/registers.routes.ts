import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { platformOperations } from '../../../shared/api/platform.ts';
import { listRegisters, registerPage, registerWorkbook } from '../../platform/registers.ts';
import { sendWorkbook } from '../../platform/xlsx.ts';

/** Every module's registers (the register kit): one page, one print, one workbook each. */
export async function registerRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/registers', { schema: platformOperations['GET /api/registers'] }, (req) =>
    listRegisters(req.ctx(), req.server.registry.registers),
  );
  app.get('/registers/:register', { schema: platformOperations['GET /api/registers/:register'] }, async (req, reply) => {
    const definitions = req.server.registry.registers;
    if (req.query.format === 'xlsx')
      return sendWorkbook(reply, await registerWorkbook(req.ctx(), definitions, req.params.register, req.query)) as never;
    return registerPage(req.ctx(), definitions, req.params.register, req.query);
  });
}
