#!/usr/bin/env node
// The npm mirror this project is built against lacks some of node-llama-cpp's platform packages
// (win/mac/riscv builds of the pinned version), so `npm install` leaves them out of
// package-lock.json and `npm ci` then refuses the lockfile as out of sync. This adds the missing
// entries by name and version exactly as the public registry publishes them; npm ci skips them on
// other platforms and fetches them normally where they apply. Run after any `npm install`.
import fs from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const platforms = {
  'linux-riscv64': ['linux', 'riscv64'], 'mac-arm64-metal': ['darwin', 'arm64'], 'mac-x64': ['darwin', 'x64'],
  'win-arm64': ['win32', 'arm64'], 'win-x64': ['win32', 'x64'], 'win-x64-cuda': ['win32', 'x64'],
  'win-x64-cuda-ext': ['win32', 'x64'], 'win-x64-vulkan': ['win32', 'x64'],
};
const parent = lock.packages['node_modules/node-llama-cpp'];
let added = 0;
for (const [name, [os, cpu]] of Object.entries(platforms)) {
  const key = `node_modules/@node-llama-cpp/${name}`;
  const version = parent?.optionalDependencies?.[`@node-llama-cpp/${name}`];
  if (!version || lock.packages[key]) continue;
  lock.packages[key] = { version, cpu: [cpu], engines: { node: '>=20.0.0' }, license: 'MIT', optional: true, os: [os] };
  added++;
}
const [root, ...rest] = Object.entries(lock.packages);
lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => a.localeCompare(b))]);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} entr${added === 1 ? 'y' : 'ies'}`);
