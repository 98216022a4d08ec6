import { describe, it, expect } from 'vitest';
import { diagnosisStatusUrl } from './statusUrl.ts';

const ID = 'manual-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2';

describe('diagnosisStatusUrl', () => {
  it('on the execute-api domain, keeps the stage from requestContext.path', () => {
    expect(diagnosisStatusUrl({ domainName: 'q7w8e9r0t1.execute-api.eu-west-1.amazonaws.com', stage: 'ops', path: '/ops/diagnoses', resourcePath: '/diagnoses' }, ID)).toBe(
      `https://q7w8e9r0t1.execute-api.eu-west-1.amazonaws.com/ops/diagnoses/${ID}`,
    );
  });

  it('behind a custom domain, keeps the base path mapping instead of the stage', () => {
    expect(diagnosisStatusUrl({ domainName: 'doctor.ops.example.com', stage: 'ops', path: '/v1/diagnoses', resourcePath: '/diagnoses' }, ID)).toBe(
      `https://doctor.ops.example.com/v1/diagnoses/${ID}`,
    );
    expect(diagnosisStatusUrl({ domainName: 'doctor.ops.example.com', stage: 'ops', path: '/diagnoses/', resourcePath: '/diagnoses' }, ID)).toBe(
      `https://doctor.ops.example.com/diagnoses/${ID}`,
    );
  });

  it('falls back to the stage when the request path is missing', () => {
    expect(diagnosisStatusUrl({ domainName: 'q7w8e9r0t1.execute-api.eu-west-1.amazonaws.com', stage: 'ops' }, ID)).toBe(
      `https://q7w8e9r0t1.execute-api.eu-west-1.amazonaws.com/ops/diagnoses/${ID}`,
    );
  });

  it('gives no URL without a plausible domain name', () => {
    expect(diagnosisStatusUrl({ stage: 'ops' }, ID)).toBeUndefined();
    expect(diagnosisStatusUrl({ domainName: 'evil.example/x?', stage: 'ops' }, ID)).toBeUndefined();
  });
});
