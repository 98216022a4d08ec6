import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { lambdaTargetOf } from './lambdaTarget.ts';

describe('lambdaTargetOf', () => {
  it('reads the REST invocation URI (docs x-amazon-apigateway-any-method example)', () => {
    expect(
      lambdaTargetOf('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-fn/invocations'),
    ).toEqual({ functionName: 'orders-fn', functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-fn' });
  });

  it('keeps an alias or version as qualifier and in the ARN, not in the name', () => {
    expect(
      lambdaTargetOf('arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders-fn:live/invocations'),
    ).toEqual({ functionName: 'orders-fn', functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-fn:live', qualifier: 'live' });
  });

  it('leaves stage variables symbolic', () => {
    expect(
      lambdaTargetOf('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations'),
    ).toEqual({ functionName: '${stageVariables.fn}', functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}' });
    expect(
      lambdaTargetOf('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-fn:${stageVariables.alias}/invocations'),
    ).toMatchObject({ functionName: 'orders-fn', qualifier: '${stageVariables.alias}' });
    expect(lambdaTargetOf('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${stageVariables.fnArn}/invocations')).toEqual({
      functionName: '${stageVariables.fnArn}',
    });
  });

  it('reads a plain function ARN (HTTP API integration) and other partitions', () => {
    expect(lambdaTargetOf('arn:aws:lambda:us-east-2:756160874759:function:UserAuthentication')).toEqual({
      functionName: 'UserAuthentication',
      functionArn: 'arn:aws:lambda:us-east-2:756160874759:function:UserAuthentication',
    });
    expect(lambdaTargetOf('arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:123456789012:function:f/invocations')).toMatchObject({
      functionName: 'f',
    });
  });

  it('is undefined for HTTP, AWS-service and VPC-link URIs', () => {
    for (const uri of [
      'https://orders.internal.example.com/{proxy}',
      'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
      'arn:aws:apigateway:us-east-1:states:action/StartExecution',
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/orders/50dc6c495c0c9188/0467ef3c8400ae65',
      '',
      undefined,
    ]) {
      expect(lambdaTargetOf(uri)).toBeUndefined();
    }
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const t = lambdaTargetOf(s);
      return t === undefined || typeof t.functionName === 'string';
    }));
  });
});
