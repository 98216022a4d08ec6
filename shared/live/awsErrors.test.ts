import { describe, it, expect } from 'vitest';
import { ThrottlingException } from '@aws-sdk/client-cloudtrail';
import { ThrottledException } from '@aws-sdk/client-xray';
import { NotFoundException, TooManyRequestsException } from '@aws-sdk/client-api-gateway';
import { AccessDeniedException } from '@aws-sdk/client-apigatewayv2';
import { ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { describeAwsError, gapForAwsError, isAccessDenied, isNotFound, isThrottlingError } from './awsErrors.ts';
import { serviceError } from './answerInStack.ts';
import { callOrGap } from './callOrGap.ts';

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

describe('describeAwsError', () => {
  it('reads principal and action from the access-denied messages AWS writes', () => {
    // aws-amplify/amplify-category-api#736 (newer "because no identity-based policy allows" form).
    const modern = serviceError(
      'AccessDeniedException',
      'User: arn:aws:sts::123:assumed-role/us-east-1_abc_Full-access/amplifyadmin is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:us-east-1::/restapis/abc/stages/sandbox/sdks/swift because no identity-based policy allows the apigateway:GET action',
      403,
    );
    expect(describeAwsError(modern)).toEqual({
      kind: 'access-denied',
      name: 'AccessDeniedException',
      message: expect.stringContaining('is not authorized'),
      httpStatus: 403,
      principal: 'arn:aws:sts::123:assumed-role/us-east-1_abc_Full-access/amplifyadmin',
      deniedAction: 'apigateway:GET',
    });
    // amazon-archives/aws-apigateway-importer#85 (older form, IAM user).
    const older = Object.assign(new Error('User: arn:aws:iam::123456789012:user/deployer is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:us-east-1::/'), { name: 'Error' });
    expect(describeAwsError(older)).toMatchObject({ kind: 'access-denied', principal: 'arn:aws:iam::123456789012:user/deployer', deniedAction: 'apigateway:GET' });
    // HTTP APIs (apigatewayv2) model the exception.
    expect(isAccessDenied(new AccessDeniedException({ ...meta(403), message: 'User: arn:aws:iam::1:user/x is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:eu-west-3::/apis' }))).toBe(true);
    // CloudWatch's query protocol code.
    expect(isAccessDenied(serviceError('AccessDenied', 'User is not authorized', 403))).toBe(true);
  });

  it('classifies throttling of every service the live path calls', () => {
    expect(isThrottlingError(new ThrottlingException({ ...meta(400), message: 'Rate exceeded' }))).toBe(true);
    expect(isThrottlingError(new ThrottledException({ ...meta(429), message: 'Rate exceeded' }))).toBe(true);
    expect(isThrottlingError(new TooManyRequestsException({ ...meta(429), message: 'Too Many Requests' }))).toBe(true);
    expect(isThrottlingError(serviceError('Throttling', 'Rate exceeded', 400))).toBe(true);
    expect(isThrottlingError(serviceError('LimitExceededException', 'Too many requests', 429))).toBe(true);
    expect(isThrottlingError(serviceError('ValidationException', 'bad', 400))).toBe(false);
  });

  it('classifies not-found, credentials and the rest; never throws on odd values', () => {
    expect(isNotFound(new NotFoundException({ ...meta(404), message: 'Invalid API identifier specified 384756102938:abc' }))).toBe(true);
    expect(isNotFound(new ResourceNotFoundException({ ...meta(404), message: 'Function not found: arn:aws:lambda:us-east-1:1:function:x' }))).toBe(true);
    expect(describeAwsError(serviceError('ExpiredTokenException', 'The security token included in the request is expired', 400)).kind).toBe('credentials');
    expect(describeAwsError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })).kind).toBe('credentials');
    expect(describeAwsError(undefined)).toEqual({ kind: 'other', name: 'UnknownError', message: 'no message' });
    expect(describeAwsError('boom')).toMatchObject({ kind: 'other', message: 'boom' });
    expect(describeAwsError({ Code: 'InternalFailure', Message: 'oops' })).toMatchObject({ name: 'InternalFailure', message: 'oops' });
  });
});

describe('gapForAwsError and callOrGap', () => {
  const purpose = { service: 'X-Ray', action: 'xray:BatchGetTraces', purpose: 'to get traces' };

  it('names the action to allow and who was denied', () => {
    const denied = serviceError('AccessDeniedException', 'User: arn:aws:sts::384756102938:assumed-role/ReadOnly/alice is not authorized to perform: xray:BatchGetTraces', 403);
    expect(gapForAwsError(purpose, denied)).toBe('X-Ray not allowed: xray:BatchGetTraces denied for arn:aws:sts::384756102938:assumed-role/ReadOnly/alice; add it to the policy to get traces');
    expect(gapForAwsError({ ...purpose, resource: 'trace 1-abc' }, serviceError('InternalFailure', 'Internal error', 500))).toBe('X-Ray: reading trace 1-abc failed (InternalFailure: Internal error)');
  });

  it('returns the value, or undefined with one gap, and lets the caller go on', async () => {
    const gaps: string[] = [];
    expect(await callOrGap(purpose, async () => 42, gaps)).toBe(42);
    const denied = serviceError('AccessDeniedException', 'User: arn:aws:iam::1:user/x is not authorized to perform: xray:BatchGetTraces', 403);
    expect(await callOrGap(purpose, async () => Promise.reject(denied), gaps)).toBeUndefined();
    expect(await callOrGap(purpose, async () => Promise.reject(denied), gaps)).toBeUndefined();
    expect(gaps).toEqual(['X-Ray not allowed: xray:BatchGetTraces denied for arn:aws:iam::1:user/x; add it to the policy to get traces']);
  });
});
