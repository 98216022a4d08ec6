import { describe, it, expect } from 'vitest';
import { insufficientEvidence } from './insufficientEvidence.ts';
import { API_ID, classifyContext, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import type { FindingFacts } from '../rule.ts';

/** Not a matcher: what is said about requests no rule explained, and which evidence to turn on. */
function unexplained(apiType: 'REST' | 'HTTP'): FindingFacts {
  // A REST access record in the console's JSON preset (elastic/integrations test-apigateway-rest.log shape) with a 500.
  const r = requestEvidence({
    access: {
      requestId: '48752d0f-c99d-4cfa-a5a7-f3c6834d19e5',
      ip: '1.128.0.0',
      caller: '-',
      user: '-',
      requestTime: '10/Jun/2023:15:36:28 +0000',
      httpMethod: 'GET',
      resourcePath: '/pets',
      status: '500',
      protocol: 'HTTP/1.1',
      responseLength: '36',
    },
  });
  const ctx = classifyContext(apiType);
  return { requestCount: 3, routes: r.route ? [r.route] : [], functions: [], statusCodes: [500], facts: {}, apiType, context: ctx.context, apiId: API_ID, stage: 'prod' };
}

describe('insufficient-evidence', () => {
  it('says how many requests to which route failed, and what is missing', () => {
    const summary = insufficientEvidence.summarise(unexplained('REST'), ['execution logs (logging is OFF on the stage)', 'Lambda logs']);
    expect(summary).toBe('3 requests to GET /pets failed, but the evidence read does not say why. Missing: execution logs (logging is OFF on the stage); Lambda logs.');
  });

  it('REST without execution logs: the exact update-stage command for this API and stage', () => {
    const steps = insufficientEvidence.remediate(unexplained('REST'), ['execution logs']);
    expect(steps[0]).toBe(
      `Turn on execution logging at ERROR (or INFO while investigating) for stage prod: aws apigateway update-stage --rest-api-id ${API_ID} --stage-name prod --patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR`,
    );
  });

  it('HTTP APIs have no execution logs: asks for access-log error fields instead', () => {
    const steps = insufficientEvidence.remediate(unexplained('HTTP'), ['execution logs', 'access log error fields']);
    expect(steps.some((s) => s.includes('update-stage'))).toBe(false);
    expect(steps.some((s) => s.includes('$context.integration.error') && s.includes('$context.error.responseType'))).toBe(true);
  });

  it('asks for Lambda logs and X-Ray when they are missing, and always to run again', () => {
    const steps = insufficientEvidence.remediate(unexplained('REST'), ['Lambda logs', 'X-Ray traces']);
    expect(steps.some((s) => s.includes('Lambda function log groups'))).toBe(true);
    expect(steps.some((s) => s.includes('X-Ray tracing'))).toBe(true);
    expect(steps[steps.length - 1]).toContain('run the diagnosis again');
  });
});
