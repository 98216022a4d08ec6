import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseCloudTrailEvents } from './cloudTrail.ts';
import { isParseProblem } from './problem.ts';

const FILE = 'changes/cloudtrail.json';
const ACCOUNT = '123456789012';
const ROLE_SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_Developers_4972de7308bc000a/jane.doe@example.com`;

// Shapes: lookup-events output as in aws/aws-cli awscli/examples/cloudtrail/lookup-events.rst and a public dump of
// API Gateway lookup-events (github, "CreateDeployment" with requestParameters.createDeploymentInput, ReadOnly "false",
// Resources [{ResourceName, ResourceType}], CloudTrailEvent as a JSON string with userIdentity.sessionContext.sessionIssuer).
// Lambda event names per the Lambda developer guide ("UpdateFunctionConfiguration20150331v2", ...).
function lookupEvent(opts: {
  id: string;
  name: string;
  source: string;
  time: string;
  readOnly?: boolean;
  resources?: { ResourceType: string; ResourceName: string }[];
  requestParameters?: unknown;
  responseElements?: unknown;
  errorCode?: string;
}) {
  const record = {
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAZSLS3RLM6KWF7E6B4:jane.doe@example.com',
      arn: ROLE_SESSION_ARN,
      accountId: ACCOUNT,
      accessKeyId: 'ASIAZSLS3RLMQZPBHLML',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAZSLS3RLM6KWF7E6B4',
          arn: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Developers_4972de7308bc000a`,
          accountId: ACCOUNT,
          userName: 'AWSReservedSSO_Developers_4972de7308bc000a',
        },
        webIdFederationData: {},
        attributes: { creationDate: '2026-11-24T08:43:19Z', mfaAuthenticated: 'false' },
      },
    },
    eventTime: opts.time,
    eventSource: opts.source,
    eventName: opts.name,
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.17',
    userAgent: 'aws-cli/2.22.4 md/awscrt#0.23.4 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off md/command#lambda.update-function-configuration',
    ...(opts.errorCode ? { errorCode: opts.errorCode, errorMessage: 'User is not authorized to perform this action' } : {}),
    requestParameters: opts.requestParameters ?? null,
    responseElements: opts.responseElements ?? null,
    requestID: `req-${opts.id}`,
    eventID: opts.id,
    readOnly: opts.readOnly ?? false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  };
  return {
    EventId: opts.id,
    EventName: opts.name,
    ReadOnly: String(opts.readOnly ?? false),
    AccessKeyId: 'ASIAZSLS3RLMQZPBHLML',
    EventTime: opts.time,
    EventSource: opts.source,
    Username: 'jane.doe@example.com',
    Resources: opts.resources ?? [],
    CloudTrailEvent: JSON.stringify(record),
  };
}

const fnResource = [{ ResourceType: 'AWS::Lambda::Function', ResourceName: 'orders-fn' }];

const lookup = {
  Events: [
    lookupEvent({
      id: 'e1',
      name: 'UpdateFunctionConfiguration20150331v2',
      source: 'lambda.amazonaws.com',
      time: '2026-11-24T10:02:11-00:00',
      resources: fnResource,
      requestParameters: { functionName: 'orders-fn', timeout: 3, memorySize: 128 },
      responseElements: { functionName: 'orders-fn', functionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-fn`, runtime: 'nodejs20.x', timeout: 3, memorySize: 128 },
    }),
    lookupEvent({
      id: 'e2',
      name: 'GetFunction20150331v2',
      source: 'lambda.amazonaws.com',
      time: '2026-11-24T10:03:00Z',
      readOnly: true,
      resources: fnResource,
      requestParameters: { functionName: 'orders-fn' },
    }),
    lookupEvent({
      id: 'e3',
      name: 'RemovePermission20150331v2',
      source: 'lambda.amazonaws.com',
      time: '2026-11-24T09:59:30Z',
      resources: fnResource,
      requestParameters: { functionName: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-fn`, statementId: 'apigw-invoke' },
    }),
    lookupEvent({
      id: 'e4',
      name: 'PutFunctionConcurrency20171031',
      source: 'lambda.amazonaws.com',
      time: '2026-11-24T09:58:00Z',
      resources: fnResource,
      requestParameters: { functionName: 'orders-fn', reservedConcurrentExecutions: 0 },
      responseElements: { reservedConcurrentExecutions: 0 },
    }),
    lookupEvent({
      id: 'e5',
      name: 'UpdateFunctionCode20150331v2',
      source: 'lambda.amazonaws.com',
      time: '2026-11-24T09:57:00Z',
      resources: fnResource,
      requestParameters: { functionName: 'orders-fn', publish: false, dryRun: false, s3Bucket: 'orders-artifacts', s3Key: 'orders-fn/4f2a.zip' },
    }),
    lookupEvent({
      id: 'e6',
      name: 'UpdateFunctionConfiguration20150331v2',
      source: 'lambda.amazonaws.com',
      time: '2026-11-24T09:56:00Z',
      errorCode: 'AccessDenied',
      requestParameters: { functionName: 'orders-fn', timeout: 900 },
    }),
  ],
};

describe('parseCloudTrailEvents — Lambda changes', () => {
  const changes = parseCloudTrailEvents(lookup, FILE);
  const byId = (name: string) => (isParseProblem(changes) ? [] : changes.filter((c) => c.eventName === name));

  it('keeps writes, oldest first; drops read-only and failed calls', () => {
    expect(isParseProblem(changes) ? changes : changes.map((c) => c.eventName)).toEqual([
      'UpdateFunctionCode20150331v2',
      'PutFunctionConcurrency20171031',
      'RemovePermission20150331v2',
      'UpdateFunctionConfiguration20150331v2',
    ]);
  });

  it('describes a configuration change precisely and keeps the raw, matchable event name', () => {
    expect(byId('UpdateFunctionConfiguration20150331v2')[0]).toEqual({
      time: Date.UTC(2026, 10, 24, 10, 2, 11),
      eventName: 'UpdateFunctionConfiguration20150331v2',
      eventSource: 'lambda.amazonaws.com',
      who: ROLE_SESSION_ARN,
      resources: ['orders-fn'],
      what: 'UpdateFunctionConfiguration on orders-fn: timeout=3, memorySize=128',
      file: FILE,
    });
  });

  it('describes permission, concurrency and code changes', () => {
    expect(byId('RemovePermission20150331v2')[0]?.what).toBe('RemovePermission on orders-fn (statementId apigw-invoke)');
    expect(byId('RemovePermission20150331v2')[0]?.resources).toEqual(['orders-fn', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-fn`]);
    expect(byId('PutFunctionConcurrency20171031')[0]?.what).toBe('PutFunctionConcurrency on orders-fn: reservedConcurrentExecutions=0');
    expect(byId('UpdateFunctionCode20150331v2')[0]?.what).toBe('UpdateFunctionCode on orders-fn');
  });

  it('describes DeleteFunction and AddPermission', () => {
    const doc = {
      Events: [
        lookupEvent({ id: 'd', name: 'DeleteFunction20150331', source: 'lambda.amazonaws.com', time: '2026-11-24T09:00:00Z', requestParameters: { functionName: 'orders-fn' } }),
        lookupEvent({
          id: 'a',
          name: 'AddPermission20150331v2',
          source: 'lambda.amazonaws.com',
          time: '2026-11-24T09:01:00Z',
          requestParameters: {
            functionName: 'orders-fn',
            statementId: 'apigw-invoke-2',
            action: 'lambda:InvokeFunction',
            principal: 'apigateway.amazonaws.com',
            sourceArn: `arn:aws:execute-api:us-east-1:${ACCOUNT}:a1b2c3d4e5/*/GET/orders`,
          },
        }),
      ],
    };
    const result = parseCloudTrailEvents(doc, FILE);
    expect(isParseProblem(result) ? result : result.map((c) => c.what)).toEqual([
      'DeleteFunction on orders-fn',
      `AddPermission on orders-fn (statementId apigw-invoke-2): action=lambda:InvokeFunction, principal=apigateway.amazonaws.com, sourceArn=arn:aws:execute-api:us-east-1:${ACCOUNT}:a1b2c3d4e5/*/GET/orders`,
    ]);
  });
});

describe('parseCloudTrailEvents — API Gateway and IAM changes', () => {
  it('describes CreateDeployment with its stage and new deployment id (public lookup-events dump)', () => {
    const doc = {
      Events: [
        lookupEvent({
          id: 'ff797b29-8a94-4729-8d9e-4421b4a3f6e7',
          name: 'CreateDeployment',
          source: 'apigateway.amazonaws.com',
          time: '2026-11-24T09:55:57Z',
          resources: [
            { ResourceName: 'prod', ResourceType: 'AWS::ApiGateway::Stage' },
            { ResourceName: 'k7d9zq', ResourceType: 'AWS::ApiGateway::Deployment' },
            { ResourceName: 'a1b2c3d4e5', ResourceType: 'AWS::ApiGateway::RestApi' },
          ],
          requestParameters: { restApiId: 'a1b2c3d4e5', createDeploymentInput: { description: 'orders-fn v42', stageName: 'prod' }, template: false },
          responseElements: { id: 'k7d9zq', createdDate: 'Nov 24, 2026 9:55:57 AM', self: { deploymentId: 'k7d9zq', restApiId: 'a1b2c3d4e5', template: false } },
        }),
      ],
    };
    expect(parseCloudTrailEvents(doc, FILE)).toEqual([
      expect.objectContaining({
        eventName: 'CreateDeployment',
        what: 'CreateDeployment on a1b2c3d4e5/prod: description=orders-fn v42, deployment=k7d9zq',
        resources: ['prod', 'k7d9zq', 'a1b2c3d4e5'],
      }),
    ]);
  });

  it('describes UpdateStage patch operations and integration changes', () => {
    // Request bodies follow the REST API's own shapes (PATCH {patchOperations:[{op,path,value}]}, PUT integration body),
    // wrapped as "<action>Input" like createDeploymentInput above.
    const doc = {
      Events: [
        lookupEvent({
          id: 's1',
          name: 'UpdateStage',
          source: 'apigateway.amazonaws.com',
          time: '2026-11-24T09:50:00Z',
          requestParameters: {
            restApiId: 'a1b2c3d4e5',
            stageName: 'prod',
            updateStageInput: { patchOperations: [{ op: 'replace', path: '/*/*/logging/loglevel', value: 'OFF' }, { op: 'replace', path: '/variables/fn', value: 'orders-fn-v2' }] },
            template: false,
          },
        }),
        lookupEvent({
          id: 's2',
          name: 'PutIntegration',
          source: 'apigateway.amazonaws.com',
          time: '2026-11-24T09:51:00Z',
          requestParameters: {
            restApiId: 'a1b2c3d4e5',
            resourceId: 'x1y2z3',
            httpMethod: 'GET',
            putIntegrationInput: { type: 'AWS_PROXY', httpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-fn-v2/invocations' },
          },
        }),
        lookupEvent({
          id: 's3',
          name: 'UpdateIntegration',
          source: 'apigateway.amazonaws.com',
          time: '2026-11-24T09:52:00Z',
          requestParameters: { apiId: 'k2j4h6g8f0', integrationId: 'abc1234', timeoutInMillis: 5000, integrationUri: 'https://legacy.payments.example.com' },
        }),
      ],
    };
    const result = parseCloudTrailEvents(doc, FILE);
    expect(isParseProblem(result) ? result : result.map((c) => c.what)).toEqual([
      'UpdateStage on a1b2c3d4e5/prod: replace /*/*/logging/loglevel=OFF, replace /variables/fn=orders-fn-v2',
      'PutIntegration on a1b2c3d4e5 (GET resource x1y2z3): type=AWS_PROXY, uri=arn:aws:lambda:us-east-1:123456789012:function:orders-fn-v2',
      'UpdateIntegration on k2j4h6g8f0 (integration abc1234): timeoutInMillis=5000, integrationUri=https://legacy.payments.example.com',
    ]);
  });

  it('describes IAM role policy changes, summarising the policy document', () => {
    const policy = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['dynamodb:PutItem', 'dynamodb:GetItem'], Resource: '*' }] }));
    const doc = {
      Events: [
        lookupEvent({ id: 'i1', name: 'PutRolePolicy', source: 'iam.amazonaws.com', time: '2026-11-24T09:40:00Z', requestParameters: { roleName: 'orders-fn-role', policyName: 'orders-table', policyDocument: policy } }),
        lookupEvent({ id: 'i2', name: 'DetachRolePolicy', source: 'iam.amazonaws.com', time: '2026-11-24T09:41:00Z', requestParameters: { roleName: 'orders-fn-role', policyArn: 'arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess' } }),
        lookupEvent({ id: 'i3', name: 'DeleteRolePolicy', source: 'iam.amazonaws.com', time: '2026-11-24T09:42:00Z', requestParameters: { roleName: 'orders-fn-role', policyName: 'orders-table' } }),
      ],
    };
    const result = parseCloudTrailEvents(doc, FILE);
    expect(isParseProblem(result) ? result : result.map((c) => c.what)).toEqual([
      'PutRolePolicy on role orders-fn-role (policy orders-table): Deny dynamodb:PutItem,dynamodb:GetItem',
      'DetachRolePolicy on role orders-fn-role: policyArn=arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess',
      'DeleteRolePolicy on role orders-fn-role (policy orders-table)',
    ]);
    expect(isParseProblem(result) ? [] : result[0]?.resources).toEqual(['orders-fn-role']);
  });
});

describe('parseCloudTrailEvents — other shapes and bad input', () => {
  it('reads raw CloudTrail records ({"Records": [...]}) and falls back to Username for who', () => {
    const record = {
      eventTime: '2026-11-24T10:02:11Z',
      eventSource: 'lambda.amazonaws.com',
      eventName: 'UpdateFunctionConfiguration20150331v2',
      readOnly: false,
      userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/deployer`, userName: 'deployer' },
      requestParameters: { functionName: 'orders-fn', timeout: 3 },
    };
    expect(parseCloudTrailEvents({ Records: [record] }, FILE)).toEqual([
      expect.objectContaining({ who: `arn:aws:iam::${ACCOUNT}:user/deployer`, what: 'UpdateFunctionConfiguration on orders-fn: timeout=3' }),
    ]);
    const bare = lookupEvent({ id: 'x', name: 'DeleteFunction20150331', source: 'lambda.amazonaws.com', time: '2026-11-24T09:00:00Z', requestParameters: { functionName: 'f' } });
    const noRecord = { ...bare, CloudTrailEvent: 'not json' };
    expect(parseCloudTrailEvents({ Events: [noRecord] }, FILE)).toEqual([
      expect.objectContaining({ who: 'jane.doe@example.com', what: 'DeleteFunction', resources: [] }),
    ]);
  });

  it('returns an empty list when there were no changes, a problem for other documents', () => {
    expect(parseCloudTrailEvents({ Events: [] }, FILE)).toEqual([]);
    for (const doc of [null, 'x', 3, {}, { Events: 'none' }, { items: [] }]) {
      expect(isParseProblem(parseCloudTrailEvents(doc, FILE)), JSON.stringify(doc)).toBe(true);
    }
  });

  it('skips entries without a name or time, and wrong-typed fields', () => {
    const doc = { Events: [null, 5, { EventName: 'UpdateStage' }, { EventTime: '2026-11-24T09:00:00Z' }, { EventName: ['x'], EventTime: 'soon' }] };
    expect(parseCloudTrailEvents(doc, FILE)).toEqual([]);
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (doc) => {
      const r = parseCloudTrailEvents(doc, FILE);
      return isParseProblem(r) || r.every((c) => Number.isFinite(c.time) && c.what.length > 0);
    }));
  });

  it('never throws on arbitrary request parameters', () => {
    fc.assert(fc.property(fc.string(), fc.constantFrom('lambda.amazonaws.com', 'apigateway.amazonaws.com', 'iam.amazonaws.com', 'x'), fc.jsonValue(), fc.jsonValue(), (name, source, req, res) => {
      const event = lookupEvent({ id: 'f', name: name || 'X', source, time: '2026-11-24T09:00:00Z', requestParameters: req, responseElements: res });
      const r = parseCloudTrailEvents({ Events: [event] }, FILE);
      return !isParseProblem(r);
    }));
  });
});
