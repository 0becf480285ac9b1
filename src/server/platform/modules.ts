/**
 * What a module brings to the app: its routes, and what it registers with the platform — the
 * obligations (cadences and quotas) it owns and the facts it publishes for the staff assessment.
 * Policy sections are registered in src/shared/policies/ (the web needs them too). The list of
 * modules is src/server/modules/index.ts.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { FactProvider } from './facts.ts';
import { obligationFactProvider, type ObligationDefinition } from './obligations.ts';

export interface ModuleDefinition {
  name: string;
  routes: FastifyPluginAsync;
  obligations?: ObligationDefinition[];
  facts?: FactProvider[];
}

/** What the platform's own services (obligations, facts, the sweeper's reminders) read from the modules. */
export interface Registry {
  obligations: ObligationDefinition[];
  factProviders: FactProvider[];
}

export function registryOf(modules: readonly ModuleDefinition[]): Registry {
  const obligations = modules.flatMap((m) => m.obligations ?? []);
  const codes = new Set<string>();
  for (const o of obligations) {
    if (codes.has(o.code)) throw new Error(`obligation ${o.code} is registered twice`);
    codes.add(o.code);
  }
  return { obligations, factProviders: [...modules.flatMap((m) => m.facts ?? []), obligationFactProvider(obligations)] };
}
