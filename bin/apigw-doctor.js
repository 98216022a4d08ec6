#!/usr/bin/env node
// Runs the TypeScript CLI without a build step: tsx's ESM loader compiles cli/*.ts on import.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
