import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The analyst page: plain TypeScript modules bundled by Vite into services/api/web/dist. */
export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  // Source maps are written for local debugging; the server never serves *.map files.
  build: { outDir: path.join(root, 'dist'), emptyOutDir: true, target: 'es2022', sourcemap: true },
});
