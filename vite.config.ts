import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const backend = process.env.GUANJIA_API_URL ?? 'http://127.0.0.1:3000';
// changeOrigin stays false: the server's CSRF guard compares Origin with Host, and both must name
// the dev server for a proxied POST to pass.
const proxied = { target: backend, changeOrigin: false };
// The app's own modules live in src/web/api/, served at /api/*.ts: those must not go to the server.
const apiProxy = {
  ...proxied,
  bypass: (req: { url?: string }) => (/\.(tsx?|css)(\?|$)/.test(req.url ?? '') ? req.url : undefined),
};

/**
 * The web app lives in src/web and is built into dist/web, which the Fastify server serves with an
 * SPA fallback. JSX is compiled by the bundler from tsconfig's "jsx": "react-jsx".
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  publicDir: false,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components; meaningless in this SPA.
      onwarn(warning, defaultHandler) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        defaultHandler(warning);
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': apiProxy,
      '/healthz': proxied,
      '/docs': proxied,
      '/openapi.json': proxied,
    },
  },
  preview: { host: '127.0.0.1', port: 4173 },
});
