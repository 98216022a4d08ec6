import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import type { DiagnosisConfig } from './config.ts';
import { addDiagnosisStack, registerNag, STACK_NAME } from './diagnosisStack.ts';

export interface SynthOptions {
  /** The cloud assembly's folder (give one: CDK otherwise leaves a temporary folder behind per App). */
  outdir: string;
  /** Bundle the functions with esbuild (default false: the template is the same, the assets are empty). */
  bundling?: boolean;
  /** Where the functions' folders are (default: this repository's functions/). */
  functionsDir?: string;
  /** Run cdk-nag (default true). The local workflow run skips it: the tests run it on the same template. */
  nag?: boolean;
}

const CDK_JSON = path.resolve(import.meta.dirname, '..', 'cdk.json');

/** cdk.json's context (feature flags): an App in process does not read it, the CLI does; both must agree. */
function cdkJsonContext(): Record<string, unknown> {
  const json = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context?: Record<string, unknown> };
  return json.context ?? {};
}

/**
 * The stack's CloudFormation template, synthesized in process as `cdk synth` would (same feature flags, cdk-nag
 * registered: an unacknowledged finding throws). For the tests and the local workflow runner.
 */
export function synthDiagnosisTemplate(config: DiagnosisConfig, options: SynthOptions): Record<string, unknown> {
  const context: Record<string, unknown> = { ...cdkJsonContext() };
  if (options.bundling !== true) context['aws:cdk:bundling-stacks'] = [];
  const app = new App({ outdir: options.outdir, context });
  if (options.nag !== false) registerNag(app);
  addDiagnosisStack(app, config, options.functionsDir !== undefined ? { functionsDir: options.functionsDir } : {});
  return app.synth().getStackByName(STACK_NAME).template as Record<string, unknown>;
}
