import { describe, it, expect } from 'vitest';
import { describeChange } from './changeDescription.ts';

describe('describeChange', () => {
  it('names the alias and the version an alias now points to', () => {
    expect(
      describeChange({
        eventName: 'UpdateAlias20150331',
        eventSource: 'lambda.amazonaws.com',
        requestParameters: { functionName: 'orders-fn', name: 'live', functionVersion: '7' },
        resources: [],
      }),
    ).toBe('UpdateAlias on orders-fn (alias live): functionVersion=7');
  });

  it('reports the version PublishVersion created', () => {
    expect(
      describeChange({
        eventName: 'PublishVersion20150331',
        eventSource: 'lambda.amazonaws.com',
        requestParameters: { functionName: 'orders-fn' },
        responseElements: { version: '8', functionName: 'orders-fn' },
        resources: [],
      }),
    ).toBe('PublishVersion on orders-fn: version=8');
  });

  it('lists array and object settings compactly (layers, vpcConfig)', () => {
    expect(
      describeChange({
        eventName: 'UpdateFunctionConfiguration20150331v2',
        eventSource: 'lambda.amazonaws.com',
        requestParameters: { functionName: 'orders-fn', layers: ['arn:aws:lambda:us-east-1:123456789012:layer:deps:3'], vpcConfig: { subnetIds: ['subnet-1'] }, environment: {} },
        resources: [],
      }),
    ).toBe('UpdateFunctionConfiguration on orders-fn: layers=[arn:aws:lambda:us-east-1:123456789012:layer:deps:3], vpcConfig={"subnetIds":["subnet-1"]}');
  });

  it('falls back to the listed resource for other services, and to the bare action without one', () => {
    expect(
      describeChange({ eventName: 'UpdateTable', eventSource: 'dynamodb.amazonaws.com', requestParameters: { tableName: 'orders', billingMode: 'PROVISIONED' }, resources: ['orders'] }),
    ).toBe('UpdateTable on orders: tableName=orders, billingMode=PROVISIONED');
    expect(describeChange({ eventName: 'DeleteFunction20150331', eventSource: 'lambda.amazonaws.com', resources: [] })).toBe('DeleteFunction');
  });

  it('stays short for huge requests', () => {
    const requestParameters = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`key${i}`, 'v'.repeat(100)]));
    const what = describeChange({ eventName: 'UpdateRestApi', eventSource: 'apigateway.amazonaws.com', requestParameters, resources: [] });
    expect(what.length).toBeLessThanOrEqual(400);
    expect(what.startsWith('UpdateRestApi: key0=')).toBe(true);
  });
});
