import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APIGatewayClient, FlushStageCacheCommand, GetStageCommand } from '@aws-sdk/client-api-gateway';
import { GetApiCommand } from '@aws-sdk/client-apigatewayv2';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { AwsCallLog, iamActionOf, instrument } from './AwsCallLog.ts';
import { answerInStack, serviceError } from './answerInStack.ts';
import { createAwsClients } from './awsClients.ts';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

describe('iamActionOf', () => {
  it('names IAM actions after the API action, with the service prefix IAM uses', () => {
    expect(iamActionOf('logs', 'StartQuery')).toBe('logs:StartQuery');
    expect(iamActionOf('cloudwatch-logs', 'GetQueryResultsCommand')).toBe('logs:GetQueryResults');
    expect(iamActionOf('xray', 'BatchGetTraces')).toBe('xray:BatchGetTraces');
    expect(iamActionOf('lambda', 'GetFunctionConfiguration')).toBe('lambda:GetFunctionConfiguration');
    expect(iamActionOf('cloudwatch', 'GetMetricData')).toBe('cloudwatch:GetMetricData');
    expect(iamActionOf('cloudtrail', 'LookupEvents')).toBe('cloudtrail:LookupEvents');
  });

  it('maps API Gateway (both versions) to HTTP verbs: the method when known, else inferred from the name', () => {
    expect(iamActionOf('apigateway', 'GetExport')).toBe('apigateway:GET');
    expect(iamActionOf('apigatewayv2', 'ExportApi')).toBe('apigateway:GET');
    expect(iamActionOf('apigateway', 'UpdateStage')).toBe('apigateway:PATCH');
    expect(iamActionOf('apigateway', 'CreateDeployment')).toBe('apigateway:POST');
    expect(iamActionOf('apigateway', 'FlushStageCache', 'DELETE')).toBe('apigateway:DELETE');
  });
});

describe('AwsCallLog', () => {
  it('summarises calls by service and action and lists the IAM actions, denied ones included', () => {
    const log = new AwsCallLog();
    log.record('logs', 'StartQuery', 120, 'ok');
    log.record('logs', 'GetQueryResults', 80, 'ok');
    log.record('logs', 'GetQueryResults', 95, 'ok');
    log.record('xray', 'BatchGetTraces', 40, 'error', 'AccessDeniedException');
    expect(log.count).toBe(4);
    expect(log.calls()).toEqual([
      { service: 'logs', action: 'StartQuery', count: 1, errors: 0, totalMs: 120 },
      { service: 'logs', action: 'GetQueryResults', count: 2, errors: 0, totalMs: 175 },
      { service: 'xray', action: 'BatchGetTraces', count: 1, errors: 1, totalMs: 40 },
    ]);
    expect([...log.actions()].sort()).toEqual(['logs:GetQueryResults', 'logs:StartQuery', 'xray:BatchGetTraces']);
    expect(log.all()[3]).toMatchObject({ errorName: 'AccessDeniedException', outcome: 'error', iamAction: 'xray:BatchGetTraces' });
  });
});

describe('instrument', () => {
  it('records every command sent through the real middleware stack, with its duration and outcome', async () => {
    const log = new AwsCallLog();
    const lambda = new LambdaClient({ region: 'us-east-1', credentials });
    let t = 1000;
    instrument(lambda, 'lambda', log, () => (t += 25));
    answerInStack(lambda, (name, input) => {
      if (input['FunctionName'] === 'missing-fn') throw serviceError('ResourceNotFoundException', 'Function not found: arn:aws:lambda:us-east-1:384756102938:function:missing-fn', 404);
      return { FunctionName: String(input['FunctionName']), Timeout: 3, commandSeen: name };
    });

    const output = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'orders-fn' }));
    expect(output).toMatchObject({ FunctionName: 'orders-fn', Timeout: 3, commandSeen: 'GetFunctionConfiguration' });
    await expect(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'missing-fn' }))).rejects.toThrow('Function not found');

    expect(log.all()).toEqual([
      { service: 'lambda', action: 'GetFunctionConfiguration', ms: 25, outcome: 'ok', iamAction: 'lambda:GetFunctionConfiguration' },
      { service: 'lambda', action: 'GetFunctionConfiguration', ms: 25, outcome: 'error', errorName: 'ResourceNotFoundException', iamAction: 'lambda:GetFunctionConfiguration' },
    ]);
  });

  it('takes the API Gateway verb from the built request (FlushStageCache is a DELETE, not what its name suggests)', async () => {
    const log = new AwsCallLog();
    const apiGateway = new APIGatewayClient({ region: 'eu-west-1', credentials });
    instrument(apiGateway, 'apigateway', log);
    answerInStack(apiGateway, () => ({}));
    await apiGateway.send(new GetStageCommand({ restApiId: 'rgkwmpkz6q', stageName: 'prod' }));
    await apiGateway.send(new FlushStageCacheCommand({ restApiId: 'rgkwmpkz6q', stageName: 'prod' }));
    expect(log.all().map((c) => c.iamAction)).toEqual(['apigateway:GET', 'apigateway:DELETE']);
  });

  it('is idempotent: instrumenting twice records once', async () => {
    const log = new AwsCallLog();
    const lambda = new LambdaClient({ region: 'us-east-1', credentials });
    instrument(lambda, 'lambda', log);
    instrument(lambda, 'lambda', log);
    answerInStack(lambda, () => ({}));
    await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'orders-fn' }));
    expect(log.count).toBe(1);
  });
});

describe('createAwsClients', () => {
  it('builds every client with adaptive retry, the given region and endpoint, all recording into one log', async () => {
    const clients = createAwsClients({ region: 'ap-southeast-2', endpoint: 'http://127.0.0.1:5999', credentials, maxAttempts: 3 });
    expect(await clients.region()).toBe('ap-southeast-2');
    expect(await clients.lambda.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    expect(await clients.xray.config.maxAttempts()).toBe(3);
    const endpoint = await clients.cloudTrail.config.endpoint?.();
    expect(endpoint?.hostname).toBe('127.0.0.1');
    answerInStack(clients.apiGatewayV2, () => ({ ApiId: 'yha1rvrori', Name: 'checkout-http', ProtocolType: 'HTTP' }));
    await clients.apiGatewayV2.send(new GetApiCommand({ ApiId: 'yha1rvrori' }));
    expect(clients.callLog.all()).toEqual([expect.objectContaining({ service: 'apigatewayv2', action: 'GetApi', iamAction: 'apigateway:GET', outcome: 'ok' })]);
    clients.destroy();
  });

  it('reads the named profile (fromIni) when one is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-doctor-profile-'));
    const file = join(dir, 'credentials');
    writeFileSync(file, '[default]\naws_access_key_id = AKIADEFAULTDEFAULT00\naws_secret_access_key = d\n\n[diagnose]\naws_access_key_id = AKIADIAGNOSEPROFILE0\naws_secret_access_key = s\n');
    const saved = { credentials: process.env['AWS_SHARED_CREDENTIALS_FILE'], config: process.env['AWS_CONFIG_FILE'] };
    process.env['AWS_SHARED_CREDENTIALS_FILE'] = file;
    process.env['AWS_CONFIG_FILE'] = join(dir, 'config-that-does-not-exist');
    try {
      const clients = createAwsClients({ region: 'us-east-1', profile: 'diagnose' });
      const resolved = await clients.lambda.config.credentials();
      expect(resolved.accessKeyId).toBe('AKIADIAGNOSEPROFILE0');
      clients.destroy();
    } finally {
      for (const [key, value] of [['AWS_SHARED_CREDENTIALS_FILE', saved.credentials], ['AWS_CONFIG_FILE', saved.config]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
