import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { parseConfig } from './config.ts';
import { addDiagnosisStack, registerNag } from './diagnosisStack.ts';

/**
 * `npx cdk synth|deploy -c config=path/to/config.json`: the stack ApiGatewayDiagnosis from a config file.
 * A missing or bad config stops here with every problem listed.
 */
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const app = new App();
const file: unknown = app.node.tryGetContext('config');
if (typeof file !== 'string' || file === '') fail('No configuration: pass -c config=path/to/config.json (see infra/config.example.json and infra/README.md).');
let json: unknown;
try {
  json = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  fail(`Cannot read the configuration ${file}: ${error instanceof Error ? error.message : String(error)}`);
}
const parsed = parseConfig(json);
if ('errors' in parsed) fail(`The configuration ${file} is not valid:\n  - ${parsed.errors.join('\n  - ')}`);

registerNag(app);
addDiagnosisStack(app, parsed.config);
app.synth();
