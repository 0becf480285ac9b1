import type { FastifyInstance } from 'fastify';
import { apiRoutes, type Operation } from '../../shared/api/index.ts';

/**
 * Holds the server to the route table of src/shared/api: every route under the prefix must be
 * declared there and registered with its entry itself as its schema (`{ schema: table[key] }`), so
 * validation, serialization, OpenAPI and the web client's types all come from the one object. A
 * route that is missing from the table, or registered with a copy or a variant of its entry, stops
 * the server at boot; so does an entry that no route serves (`assertAllRegistered`).
 */
export function holdRoutesToTable(app: FastifyInstance, table: Readonly<Record<string, Operation>> = apiRoutes, prefix = '/api') {
  const registered = new Set<string>();
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(`${prefix}/`)) return;
    // Fastify adds a HEAD route for every GET, with the same schema.
    for (const method of [route.method].flat().filter((m) => m !== 'HEAD')) {
      const key = `${method} ${route.url}`;
      const op = table[key];
      if (!op) throw new Error(`${key} is not in the route table: declare it in src/shared/api/ and register it with its entry`);
      if (route.schema !== op) throw new Error(`${key} must be registered with its own entry of the route table as its schema`);
      registered.add(key);
    }
  });
  return {
    /** Throws when the table declares operations that no route serves. */
    assertAllRegistered() {
      const missing = Object.keys(table).filter((key) => !registered.has(key));
      if (missing.length) throw new Error(`Declared in src/shared/api/ but served by no route: ${missing.join(', ')}`);
    },
  };
}
