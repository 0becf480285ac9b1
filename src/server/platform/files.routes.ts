import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { platformOperations } from '../../shared/api/platform.ts';
import { readFile } from './files.ts';
import { contentDisposition } from './http.ts';

/** File name endings for the ASCII fallback of the download name. */
const extensions: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };

export async function fileRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/files/:id',
    {
      schema: platformOperations['GET /api/files/:id'],
    },
    async (req, reply) => {
      const file = await readFile(req.ctx(), req.params.id);
      // Only images are shown in the page; a PDF opens in the browser's viewer only when the user chooses to.
      const inline = file.contentType.startsWith('image/');
      return reply
        .type(file.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=86400')
        .header(
          'content-disposition',
          contentDisposition(inline ? 'inline' : 'attachment', file.name, `file-${req.params.id}.${extensions[file.contentType] ?? 'bin'}`),
        )
        .send(file.data);
    },
  );
}
