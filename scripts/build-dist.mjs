#!/usr/bin/env node
// Compiles the CLI and services to dist/ (tsc, tsconfig.build.json: .ts imports rewritten to .js)
// and lays beside them what they read at run time relative to their own files: migrations/
// (services/storage/migrate.ts) and the built analyst page (services/api/web-ui.ts). The compiled
// CLI starts without tsx: `obligato --version` went from 1.6 s (tsx) to a plain node start.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
fs.cpSync(path.join(root, 'migrations'), path.join(dist, 'migrations'), { recursive: true });
const web = path.join(root, 'services/api/web/dist');
if (fs.existsSync(web)) {
  // No source maps in production (they expose the sources).
  fs.cpSync(web, path.join(dist, 'services/api/web/dist'), { recursive: true, filter: (src) => !src.endsWith('.map') });
} else {
  console.warn('build-dist: services/api/web/dist is missing (run `npm run build` first); the page will not be served');
}
console.log(`build-dist: ${path.relative(root, dist)}/ ready`);
