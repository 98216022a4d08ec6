import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../infra/config.ts';
import { roleActionsFromTemplate } from '../../infra/roleActionsFromTemplate.ts';
import { stateMachineFromTemplate } from '../../infra/stateMachineFromTemplate.ts';
import { synthDiagnosisTemplate } from '../../infra/synthDiagnosisTemplate.ts';

/** The state machine as CDK synthesizes it, and the function (functions/<step>) behind each Task state. */
export interface SynthesizedWorkflow {
  definition: object;
  /** Task state name -> step folder under functions/. */
  functions: Record<string, string>;
  /** Step folder -> the IAM actions its role allows. */
  roleActions: Record<string, string[]>;
}

const EXAMPLE_CONFIG = fileURLToPath(new URL('../../infra/config.example.json', import.meta.url));
let cached: Promise<SynthesizedWorkflow> | undefined;

/**
 * Synthesizes the stack from the example configuration (bundling skipped: the local run imports the handlers'
 * sources) and extracts the state machine's definition from the template, once per process.
 */
export function synthesizedWorkflow(configFile = EXAMPLE_CONFIG): Promise<SynthesizedWorkflow> {
  cached ??= (async () => {
    const parsed = parseConfig(JSON.parse(await readFile(configFile, 'utf8')) as unknown);
    if ('errors' in parsed) throw new Error(`${configFile}: ${parsed.errors.join('; ')}`);
    const outdir = await mkdtemp(path.join(tmpdir(), 'apigw-doctor-synth-'));
    // aws-cdk-lib validates every template against CloudFormation's rules in WebAssembly (~8 s here); the infra
    // tests run that validation, cdk-nag and cfn-lint on this template, so the local run only needs the definition.
    const validation = process.env.CDK_VALIDATION;
    process.env.CDK_VALIDATION = 'false';
    try {
      const template = synthDiagnosisTemplate(parsed.config, { outdir, bundling: false, nag: false });
      return { ...stateMachineFromTemplate(template), roleActions: roleActionsFromTemplate(template) };
    } finally {
      if (validation === undefined) delete process.env.CDK_VALIDATION;
      else process.env.CDK_VALIDATION = validation;
      await rm(outdir, { recursive: true, force: true });
    }
  })();
  return cached;
}
