#!/usr/bin/env node
// The installed CLI runs the compiled JavaScript (`npm run build:dist` → dist/); no TypeScript
// loader at run time. In a checkout that has not been built it falls back to the sources via tsx
// (a dev dependency), saying so on stderr.
import fs from 'node:fs';

// `obligato --version` answers before any command module loads (each pulls in its libraries:
// fastify, BullMQ, drizzle, sharp …); the program itself (main.ts) reports the same version.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
  process.exit(0);
}

const compiled = new URL('../dist/services/cli/main.js', import.meta.url);
if (fs.existsSync(compiled)) {
  await import(compiled.href);
} else {
  process.stderr.write('obligato: dist/ not built (npm run build:dist); running the TypeScript sources through tsx\n');
  const { register } = await import('tsx/esm/api');
  register();
  await import('../services/cli/main.ts');
}
