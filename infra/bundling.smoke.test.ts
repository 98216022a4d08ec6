import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';
import { FUNCTION_SPECS } from './diagnosisFunctions.ts';
import { synthDiagnosisTemplate } from './synthDiagnosisTemplate.ts';

/**
 * The one test that bundles: every function's real handler (functions/<step>/handler.ts) through NodejsFunction
 * and the local esbuild, as `cdk synth` does; each bundle must exist and load in Node with a `handler` export.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, '.cdk-test-out', `bundling-${process.pid}`);

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

type Resource = { Type: string; Properties: { Code?: { S3Key?: unknown }; Environment?: { Variables?: Record<string, string> } } };

describe('bundling', () => {
  it('bundles every function into an ESM file that loads and exports handler', () => {
    const missing = FUNCTION_SPECS.map((s) => `functions/${s.step}/handler.ts`).filter((f) => !existsSync(path.join(ROOT, f)));
    expect(missing, 'handlers missing').toEqual([]);

    const parsed = parseConfig(JSON.parse(readFileSync(path.join(import.meta.dirname, 'config.example.json'), 'utf8')));
    if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
    const template = synthDiagnosisTemplate(parsed.config, { outdir: OUT, bundling: true });

    const functions = Object.values(template['Resources'] as Record<string, Resource>).filter((r) => r.Type === 'AWS::Lambda::Function');
    const sizes: Record<string, string> = {};
    for (const fn of functions) {
      const step = fn.Properties.Environment?.Variables?.['STEP'] ?? '?';
      // The code's S3 key is the asset's hash; the assembly holds the bundle in asset.<hash>/.
      const hash = /^([0-9a-f]{64})\.zip$/.exec(String(fn.Properties.Code?.S3Key))?.[1];
      expect(hash, step).toBeDefined();
      const file = path.join(OUT, `asset.${hash}`, 'index.mjs');
      expect(existsSync(file), `${step}: ${file}`).toBe(true);
      sizes[step] = `${(statSync(file).size / 1024).toFixed(0)} KB`;
      // A fresh Node (the Lambda runtime's view): the createRequire banner lets bundled CommonJS require built-ins.
      const loaded = execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(`file://${file}`)}); process.stdout.write(typeof m.handler);`], {
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '', AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      });
      expect(loaded, step).toBe('function');
    }
    expect(Object.keys(sizes).sort()).toEqual(FUNCTION_SPECS.map((s) => s.step).sort());
    console.info(`bundle sizes: ${JSON.stringify(sizes)}`);
  }, 300_000);
});
