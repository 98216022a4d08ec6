import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { createAwsClients } from './awsClients.ts';
import { resolveApiScope } from './resolveApiScope.ts';
import { ApiNotFoundError } from './apiScopeErrors.ts';

/**
 * Over the wire: a REST API with a mock integration and a stage (no Lambda) created in moto_server, resolved
 * through the real SDK clients with `endpoint`. Skipped where moto is not installed.
 */
const hasMoto = spawnSync('python3', ['-c', 'import moto'], { stdio: 'ignore' }).status === 0 && spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;
if (!hasMoto) console.log('resolveApiScope.moto.test: moto is not installed (pip install "moto[server]"); the over-the-wire test is skipped');

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
let server: ChildProcess | undefined;
let endpoint = '';

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

async function waitUntilUp(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      await fetch(`${url}/moto-api/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`moto_server did not start at ${url}`);
}

describe.skipIf(!hasMoto)('resolveApiScope against moto_server', () => {
  let apiId = '';

  beforeAll(async () => {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    server = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    await waitUntilUp(endpoint, Date.now() + 20_000);

    const gateway = new APIGatewayClient({ region: 'us-east-1', endpoint, credentials });
    const api = await gateway.send(new CreateRestApiCommand({ name: 'orders-api', description: 'moto integration test' }));
    apiId = api.id ?? '';
    const root = (await gateway.send(new GetResourcesCommand({ restApiId: apiId }))).items?.[0]?.id ?? '';
    await gateway.send(new PutMethodCommand({ restApiId: apiId, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE' }));
    await gateway.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: root, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
    await gateway.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'prod', description: 'release 1' }));
    await gateway.send(
      new UpdateStageCommand({
        restApiId: apiId,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/tracingEnabled', value: 'true' },
          { op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR' },
          { op: 'replace', path: '/accessLogSettings/destinationArn', value: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/orders-access' },
          { op: 'replace', path: '/accessLogSettings/format', value: '{"requestId":"$context.requestId","status":"$context.status"}' },
          { op: 'replace', path: '/variables/env', value: 'prod' },
        ],
      }),
    );
    gateway.destroy();
  }, 40_000);

  afterAll(() => {
    server?.kill();
  });

  it('resolves the API by name through the real clients, recording every call', async () => {
    const clients = createAwsClients({ region: 'us-east-1', endpoint, credentials });
    const scope = await resolveApiScope(clients, { api: 'orders-api', stage: 'prod' }, { region: 'us-east-1' });
    expect(scope).toMatchObject({
      apiId,
      apiName: 'orders-api',
      apiType: 'REST',
      executionLogGroup: `API-Gateway-Execution-Logs_${apiId}/prod`,
      executionLoggingLevel: 'ERROR',
      accessLogGroup: '/aws/apigateway/orders-access',
      tracingEnabled: true,
      stageVariables: { env: 'prod' },
      functions: [],
    });
    expect(scope.context.deployments.map((d) => d.description)).toEqual(['release 1']);
    expect(scope.context.stage?.apiId).toBe(apiId);
    expect(Object.keys(scope.documents).sort()).toEqual(['api/deployments.json', 'api/export.json', 'api/stage.json']);
    expect(clients.callLog.actions()).toEqual(new Set(['apigateway:GET']));
    expect(clients.callLog.calls().map((c) => c.action).sort()).toEqual(['GetApis', 'GetDeployments', 'GetExport', 'GetRestApis', 'GetStage']);
    clients.destroy();
  });

  it('resolves it by id, and refuses a stage or an API that is not there', async () => {
    const clients = createAwsClients({ region: 'us-east-1', endpoint, credentials });
    expect((await resolveApiScope(clients, { api: apiId, stage: 'prod' })).apiName).toBe('orders-api');
    await expect(resolveApiScope(clients, { api: apiId, stage: 'staging' })).rejects.toMatchObject({
      name: 'ApiNotFoundError',
      message: `REST API ${apiId} ("orders-api") has no stage "staging". Its stages: prod.`,
      stage: 'staging',
    });
    await expect(resolveApiScope(clients, { api: 'no-such-api', stage: 'prod' })).rejects.toBeInstanceOf(ApiNotFoundError);
    clients.destroy();
  });
});
