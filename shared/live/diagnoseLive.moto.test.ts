/**
 * The live path over the wire, against moto_server (moto 5.2) on loopback: a REST API with a mock integration, its
 * stage's access log group and execution log group holding one failing and one successful request, created with
 * the SDK; then the CLI itself (bin/apigw-doctor.js, a child process) diagnoses it through AWS_ENDPOINT_URL, and
 * `collect` records it. moto's Logs Insights ignores `filter` and `stats` (every event of the range comes back), so
 * the assertions stay with the plumbing: clients, queries, phases, documents, the bundle and exit statuses; the
 * diagnosis' reasoning is the mocked tests' business. Skipped, with a message, where moto is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { diagnoseBundle } from '../diagnoseBundle.ts';
import type { Diagnosis } from '../model/diagnosis.ts';
import { createAwsClients } from './awsClients.ts';
import { diagnoseLive } from './diagnoseLive.ts';

const hasMoto =
  spawnSync('python3', ['-c', 'import moto'], { stdio: 'ignore' }).status === 0 && spawnSync('sh', ['-c', 'command -v moto_server'], { stdio: 'ignore' }).status === 0;
if (!hasMoto) console.log('diagnoseLive.moto.test: moto is not installed (pip install "moto[server]"); the over-the-wire live diagnosis is skipped');

const root = fileURLToPath(new URL('../../', import.meta.url));
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const ACCESS_GROUP = '/aws/apigateway/shop-api-access';
const FORMAT = '{"requestId":"$context.requestId","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","integrationStatus":"$context.integrationStatus"}';
const FAILED = 'b8e3c0a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c';
const SUCCEEDED = '5f0c3b1a-7e2d-4c8f-9a6b-1d2e3f4a5b6c';

let server: ChildProcess | undefined;
let endpoint = '';
let apiId = '';
const now = Date.now();
const folders: string[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      await fetch(`${url}/moto-api/`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`moto_server did not start at ${url}`);
}

/** The CLI as a user runs it, pointed at moto by AWS_ENDPOINT_URL (the SDK's own setting). */
function cli(...args: string[]) {
  return spawnSync(process.execPath, ['bin/apigw-doctor.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', NO_COLOR: '1' },
  });
}

describe.skipIf(!hasMoto)('the live path against moto_server', () => {
  beforeAll(async () => {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    server = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    await waitUntilUp(endpoint);

    const gateway = new APIGatewayClient({ region: 'us-east-1', endpoint, credentials });
    apiId = (await gateway.send(new CreateRestApiCommand({ name: 'shop-api', description: 'moto live test' }))).id ?? '';
    const rootId = (await gateway.send(new GetResourcesCommand({ restApiId: apiId }))).items?.[0]?.id ?? '';
    await gateway.send(new PutMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE' }));
    await gateway.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
    await gateway.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'prod', description: 'release 1' }));
    await gateway.send(
      new UpdateStageCommand({
        restApiId: apiId,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' },
          { op: 'replace', path: '/accessLogSettings/destinationArn', value: `arn:aws:logs:us-east-1:123456789012:log-group:${ACCESS_GROUP}` },
          { op: 'replace', path: '/accessLogSettings/format', value: FORMAT },
        ],
      }),
    );
    gateway.destroy();

    const logs = new CloudWatchLogsClient({ region: 'us-east-1', endpoint, credentials });
    const put = async (group: string, stream: string, messages: string[]) => {
      await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
      await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: messages.map((message, i) => ({ timestamp: now - 10 * 60_000 + i * 1_000, message })) }));
    };
    await put(ACCESS_GROUP, 'a1b2c3d4e5f60718293a4b5c6d7e8f90', [
      `{"requestId":"${SUCCEEDED}","httpMethod":"GET","resourcePath":"/","status":"200","integrationStatus":"200"}`,
      `{"requestId":"${FAILED}","httpMethod":"GET","resourcePath":"/","status":"500","integrationStatus":"-"}`,
    ]);
    // Execution log lines (API_GATEWAY_LOG_SHAPES.md §1) of the failing request: a mapping template that failed.
    await put(`API-Gateway-Execution-Logs_${apiId}/prod`, '0cc175b9c0f1b6a831c399e269772661', [
      `(${FAILED}) Extended Request Id: Vwc2MGFUrPEFV_g=`,
      `(${FAILED}) Starting execution for request: ${FAILED}`,
      `(${FAILED}) HTTP Method: GET, Resource Path: /`,
      `(${FAILED}) Execution failed due to configuration error: Unable to transform request`,
      `(${FAILED}) Method completed with status: 500`,
    ]);
    logs.destroy();
  }, 60_000);

  afterAll(async () => {
    server?.kill();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  it('diagnoseLive through the real clients: scope, one failing-requests query, the sample, documents and cost', async () => {
    const clients = createAwsClients({ region: 'us-east-1', endpoint, credentials });
    const live = await diagnoseLive(clients, { kind: 'api', api: 'shop-api', stage: 'prod' }, { since: 60 * 60_000, region: 'us-east-1' });
    clients.destroy();
    const d = live.diagnosis;
    expect(d.api).toMatchObject({ id: apiId, stage: 'prod', type: 'REST', name: 'shop-api' });
    // moto returns every event of the range (no filter): the failing record is still the only failing one.
    expect(live.source.failing?.requests.map((r) => r.requestId)).toEqual([FAILED]);
    expect(d.failingRequests.sampled).toContain(FAILED);
    expect(live.source.phases.map((p) => p.name.split(':')[0])).toEqual(['scope', 'failing requests', 'correlation']);
    expect(Object.keys(live.source.documents).sort()).toEqual(expect.arrayContaining(['api/deployments.json', 'api/export.json', 'api/stage.json', 'metrics/apigateway.json']));
    expect(d.cost?.logsInsightsQueries).toBe(2);
    expect(d.cost?.apiCalls).toEqual(expect.arrayContaining([expect.objectContaining({ service: 'logs', action: 'StartQuery', count: 2 }), expect.objectContaining({ service: 'apigateway', action: 'GetStage', count: 1 })]));
  });

  it('the CLI diagnoses it through AWS_ENDPOINT_URL (exit 0), and an API that is not there is exit 2', () => {
    const ok = cli('diagnose', '--api', 'shop-api', '--stage', 'prod', '--since', '1h', '--format', 'json');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const d = JSON.parse(ok.stdout) as Diagnosis;
    expect(d.api.id).toBe(apiId);
    expect(d.cost?.logsInsightsQueries).toBe(2);
    expect(d.failingRequests.sampled).toContain(FAILED);

    const missing = cli('diagnose', '--api', 'no-such-api', '--stage', 'prod');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^apigw-doctor: No REST or HTTP API with id or name "no-such-api" in us-east-1\. APIs there: [a-z0-9]+ "shop-api" \(REST/);
    const noStage = cli('diagnose', '--api', apiId, '--stage', 'staging');
    expect(noStage.status).toBe(2);
    expect(noStage.stderr).toContain(`REST API ${apiId} ("shop-api") has no stage "staging". Its stages: prod.`);
  });

  it('collect writes a bundle that diagnose --evidence replays', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'moto-collect-')), 'bundle');
    folders.push(path.dirname(out));
    const result = cli('collect', '--api', apiId, '--stage', 'prod', '--since', '1h', '--out', out);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Replay it offline with:\n  apigw-doctor diagnose --evidence ${out} --api ${apiId} --stage prod --from `);
    const logs = await readdir(path.join(out, 'logs/aws/apigateway'));
    expect(logs).toEqual(['shop-api-access.json']);
    const rows = JSON.parse(await readFile(path.join(out, 'logs/aws/apigateway/shop-api-access.json'), 'utf8')) as { status: string; results: unknown[] };
    expect(rows.status).toBe('Complete');
    const command = /--from (\S+) --to (\S+)/.exec(result.stdout);
    const replay = await diagnoseBundle(out, { apiId, stage: 'prod', from: Date.parse(command?.[1] ?? ''), to: Date.parse(command?.[2] ?? '') });
    expect(replay.api.id).toBe(apiId);
    expect(replay.failingRequests.sampled).toContain(FAILED);
  });
});
