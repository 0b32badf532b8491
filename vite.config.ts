// The web application (issue 4): Vite root is src/web, the build goes to dist/web and is served by
// the Fastify server (src/server/app.ts). `npm start` builds it when the sources are newer
// (src/web-build.ts); `npx vite` serves it with hot reload, proxying /api to a running server.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.join(here, 'src/web'),
  base: '/',
  plugins: [react()],
  publicDir: path.join(here, 'src/web/public'),
  build: {
    outDir: path.join(here, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { '/api': process.env.BIRGEMIZ_API ?? 'http://127.0.0.1:3000' },
  },
});
