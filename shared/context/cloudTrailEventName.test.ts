import { describe, it, expect } from 'vitest';
import { isReadOnlyEventName, normaliseEventName } from './cloudTrailEventName.ts';

describe('normaliseEventName', () => {
  it('drops the Lambda API version suffix (Lambda developer guide, CloudTrail event names)', () => {
    expect(normaliseEventName('UpdateFunctionConfiguration20150331v2')).toBe('UpdateFunctionConfiguration');
    expect(normaliseEventName('AddPermission20150331v2')).toBe('AddPermission');
    expect(normaliseEventName('RemovePermission20150331v2')).toBe('RemovePermission');
    expect(normaliseEventName('PutFunctionConcurrency20171031')).toBe('PutFunctionConcurrency');
    expect(normaliseEventName('DeleteFunction20150331')).toBe('DeleteFunction');
    expect(normaliseEventName('PublishLayerVersion20181031')).toBe('PublishLayerVersion');
  });

  it('leaves names without a version alone', () => {
    for (const name of ['UpdateStage', 'CreateDeployment', 'PutRolePolicy', 'S3Upload', 'Ec2Thing2', '']) {
      expect(normaliseEventName(name)).toBe(name);
    }
  });
});

describe('isReadOnlyEventName', () => {
  it('recognises read calls, versioned or not', () => {
    expect(isReadOnlyEventName('GetFunction20150331v2')).toBe(true);
    expect(isReadOnlyEventName('ListFunctions20150331')).toBe(true);
    expect(isReadOnlyEventName('GetRestApis')).toBe(true);
    expect(isReadOnlyEventName('DescribeAlarms')).toBe(true);
  });

  it('does not mistake writes for reads', () => {
    for (const name of ['UpdateFunctionConfiguration20150331v2', 'PutIntegration', 'DeleteRolePolicy', 'Getaway', 'Listener']) {
      expect(isReadOnlyEventName(name)).toBe(false);
    }
  });
});
