/**
 * What a module brings to the app: its routes, and what it registers with the platform — the
 * obligations (cadences and quotas) it owns, the facts it publishes for the staff assessment and its
 * paper registers.
 * Policy sections are registered in src/shared/policies/ (the web needs them too). The list of
 * modules is src/server/modules/index.ts.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { FactProvider } from './facts.ts';
import type { RegisterDefinition } from './registers.ts';
import { obligationFactProvider, type ObligationDefinition } from './obligations.ts';

export interface ModuleDefinition {
  name: string;
  routes: FastifyPluginAsync;
  obligations?: ObligationDefinition[];
  facts?: FactProvider[];
  registers?: RegisterDefinition[];
}

/** What the platform's own services (obligations, facts, the sweeper's reminders) read from the modules. */
export interface Registry {
  obligations: ObligationDefinition[];
  factProviders: FactProvider[];
  registers: RegisterDefinition[];
}

export function registryOf(modules: readonly ModuleDefinition[]): Registry {
  const obligations = modules.flatMap((m) => m.obligations ?? []);
  const codes = new Set<string>();
  for (const o of obligations) {
    if (codes.has(o.code)) throw new Error(`obligation ${o.code} is registered twice`);
    codes.add(o.code);
  }
  const registers = modules.flatMap((m) => m.registers ?? []);
  const names = new Set(registers.map((r) => r.register));
  if (names.size !== registers.length) throw new Error('two registers have the same name');
  return {
    obligations,
    factProviders: [...modules.flatMap((m) => m.facts ?? []), obligationFactProvider(obligations)],
    registers,
  };
}
