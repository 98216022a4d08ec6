import { describe, it, expect } from 'vitest';
import type { ApiExportInfo } from '../model/context.ts';
import { functionTargetsOf, unqualifiedArn } from './readFunctions.ts';

const ARN = 'arn:aws:lambda:eu-west-1:902118437615:function';

describe('functionTargetsOf', () => {
  it('joins routes of one function, keeps aliases apart, skips AWS-service and HTTP integrations', () => {
    const api: ApiExportInfo = {
      integrations: [
        { route: 'POST /checkout', type: 'aws_proxy', uri: `${ARN}:checkout-fn`, functionName: 'checkout-fn', functionArn: `${ARN}:checkout-fn`, payloadFormatVersion: '2.0' },
        { route: 'GET /checkout/{id}', type: 'aws_proxy', uri: `${ARN}:checkout-fn`, functionName: 'checkout-fn', functionArn: `${ARN}:checkout-fn` },
        { route: 'POST /refund', type: 'aws_proxy', uri: `${ARN}:checkout-fn:live`, functionName: 'checkout-fn', functionArn: `${ARN}:checkout-fn:live` },
        { route: 'POST /queue', type: 'aws_proxy', integrationSubtype: 'SQS-SendMessage' },
        { route: 'GET /legacy', type: 'http_proxy', uri: 'https://legacy.example.com/{proxy}' },
      ],
      authorizers: [{ name: 'lambdaAuth', functionName: '${stageVariables.authFn}', type: 'request' }],
    };
    const { targets, gaps } = functionTargetsOf(api, { authFn: 'auth-fn' }, '$default');
    expect(gaps).toEqual([]);
    expect(targets).toEqual([
      { name: 'checkout-fn', arn: `${ARN}:checkout-fn`, routes: ['POST /checkout', 'GET /checkout/{id}'], authorizer: false },
      { name: 'checkout-fn', arn: `${ARN}:checkout-fn:live`, qualifier: 'live', routes: ['POST /refund'], authorizer: false },
      { name: 'auth-fn', routes: ['authorizer lambdaAuth'], authorizer: true },
    ]);
  });

  it('resolves a whole-ARN stage variable and reports one the stage lacks', () => {
    const api: ApiExportInfo = {
      integrations: [
        {
          route: 'GET /a',
          type: 'aws_proxy',
          uri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${stageVariables.fnArn}/invocations',
          functionName: '${stageVariables.fnArn}',
        },
      ],
      authorizers: [],
    };
    expect(functionTargetsOf(api, { fnArn: `${ARN}:a-fn:7` }, 'beta').targets).toEqual([{ name: 'a-fn', arn: `${ARN}:a-fn:7`, qualifier: '7', routes: ['GET /a'], authorizer: false }]);
    expect(functionTargetsOf(api, {}, 'beta')).toEqual({
      targets: [],
      gaps: ['GET /a: the integration names its Lambda function through ${stageVariables.fnArn}, which stage beta does not define; API Gateway cannot invoke it'],
    });
  });

  it('strips the qualifier from an ARN', () => {
    expect(unqualifiedArn(`${ARN}:a-fn:live`)).toBe(`${ARN}:a-fn`);
    expect(unqualifiedArn(`${ARN}:a-fn`)).toBe(`${ARN}:a-fn`);
  });
});
