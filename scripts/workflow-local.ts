/**
 * npm run workflow:local -- --evidence events/incidents/<name> [--format text|json] [--store DIR] [--slack-url URL]
 *
 * Executes the synthesized state machine locally (scripts/workflowLocal/runLocalWorkflow.ts) and prints the
 * diagnosis and the SNS message it would publish; with --format json, the diagnosis JSON alone on stdout.
 * Exit status: 0 diagnosed, 2 bad arguments or unreadable bundle, 1 the workflow failed.
 */
import { parseArgs } from 'node:util';
// Before any handler module is imported: Powertools logs would mix with the report (--logs keeps them, on stderr).
const logs = process.argv.includes('--logs');
if (!logs) process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const { runLocalWorkflow } = await import('./workflowLocal/runLocalWorkflow.ts');
const { renderText } = await import('../shared/render/renderText.ts');
const { renderJson } = await import('../shared/render/renderJson.ts');
const { describeSnsMessage } = await import('./workflowLocal/describeSnsMessage.ts');

const USAGE = 'usage: npm run workflow:local -- --evidence DIR [--format text|json] [--store DIR] [--slack-url URL] [--logs]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        evidence: { type: 'string' },
        format: { type: 'string', default: 'text' },
        store: { type: 'string' },
        'slack-url': { type: 'string' },
        logs: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.evidence || (values.format !== 'text' && values.format !== 'json')) {
    process.stderr.write(`${!values.evidence ? '--evidence DIR is required' : `--format must be text or json, not ${values.format}`}\n${USAGE}\n`);
    return 2;
  }
  let result;
  try {
    result = await runLocalWorkflow({
      evidence: values.evidence,
      ...(values.store !== undefined ? { storeDir: values.store } : {}),
      ...(values['slack-url'] !== undefined ? { slackUrl: values['slack-url'] } : {}),
    });
  } catch (error) {
    // The bundle could not be read as an account (missing folder, no log file): the same exit as the CLI's.
    process.stderr.write(`apigw-doctor workflow:local: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (result.status !== 'SUCCEEDED' || !result.diagnosis) {
    process.stderr.write(`The workflow ${result.status === 'SUCCEEDED' ? `ended without a diagnosis: ${JSON.stringify(result.output)}` : `failed: ${result.error}`}\n`);
    return 1;
  }
  if (values.format === 'json') {
    process.stdout.write(renderJson(result.diagnosis));
  } else {
    process.stdout.write(renderText(result.diagnosis, { color: false, width: 100 }));
    process.stdout.write(`\n${'─'.repeat(100)}\nSNS message the Notify step published:\n\n`);
    for (const message of result.published) process.stdout.write(describeSnsMessage(message));
    process.stdout.write(`\n${result.transitions} state transitions (${result.statesEntered.length} states entered); evidence kept in ${result.storeDir}\n`);
  }
  return 0;
}

process.exitCode = await main();
