import { describe, it, expect } from 'vitest';
import { mappingTemplateError } from './mappingTemplateError.ts';
import { classifyContext, findingFacts, mustMatch, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { restHttpCall, restRequestStart } from './testing/realLines.ts';

const REST = classifyContext('REST');
const REQUEST_ID = '2f8e7d6c-5b4a-4391-8877-665544332211';

describe('mapping-template-error', () => {
  describe('matches', () => {
    it('the request template: "Execution failed due to configuration error: Unable to transform request" (Korean ops note, 2022-04)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/orders'),
          'Execution failed due to configuration error: Unable to transform request',
          'Method completed with status: 500',
        ],
      });
      const m = mustMatch(mappingTemplateError, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts.detail).toBe('request');
      expect(m.evidence[0]?.excerpt).toContain('Unable to transform request');
    });

    it('the integration response: "Output mapping refers to an invalid method response: 2xx/4xx/5xx" (KC api-gateway-internal-server-error)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/orders'),
          ...restHttpCall('https://orders.example.com/list'),
          'Received response. Status: 200, Integration latency: 38 ms',
          'Endpoint response body before transformations: {"orders":[]}',
          'Execution failed due to configuration error: Output mapping refers to an invalid method response: 2xx/4xx/5xx',
          'Method completed with status: 500',
        ],
      });
      expect(mustMatch(mappingTemplateError, r, REST).facts.detail).toBe('response');
    });

    it('the response template: "Unable to transform response" (matched by phrase; not found verbatim, see API_GATEWAY_LOG_SHAPES.md)', () => {
      const r = requestEvidence({
        execution: [...restRequestStart(REQUEST_ID, 'GET', '/orders'), 'Execution failed due to configuration error: Unable to transform response', 'Method completed with status: 500'],
      });
      expect(mustMatch(mappingTemplateError, r, REST).facts.detail).toBe('response');
    });
  });

  describe('does not match', () => {
    it('a backend\'s own 500 whose body says "Unable to parse the request body" (Spring Boot\'s error document shape)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/orders'),
          ...restHttpCall('https://orders.example.com/create'),
          'Received response. Status: 500, Integration latency: 41 ms',
          'Endpoint response headers: {Content-Type=application/json, Transfer-Encoding=chunked, Connection=keep-alive}',
          'Endpoint response body before transformations: {"timestamp":"2024-05-21T19:48:44.120+00:00","status":500,"error":"Internal Server Error","message":"Unable to parse the request body","path":"/create"}',
          'Method completed with status: 500',
        ],
      });
      expect(mappingTemplateError.match(r, REST)).toBeUndefined();
    });

    it('a request whose body merely contains template syntax', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/templates'),
          'Method request body before transformations: {"template":"#set($x = $input.path(\'$.name\'))","onError":"fail"}',
          ...restHttpCall('https://templates.example.com/save'),
          'Received response. Status: 503, Integration latency: 12 ms',
          'Method completed with status: 503',
        ],
      });
      expect(mappingTemplateError.match(r, REST)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('name the side and the route; point at get-integration-response for the response side', () => {
      const r = requestEvidence({
        execution: [...restRequestStart(REQUEST_ID, 'GET', '/orders'), 'Execution failed due to configuration error: Output mapping refers to an invalid method response: 2xx/4xx/5xx', 'Method completed with status: 500'],
      });
      const f = findingFacts([{ request: r, match: mustMatch(mappingTemplateError, r, REST) }], REST);
      expect(mappingTemplateError.summarise(f)).toBe('The response mapping template of GET /orders fails, so 1 request got a 5xx.');
      const steps = mappingTemplateError.remediate(f);
      expect(steps[0]).toContain('aws apigateway get-integration-response');
      expect(steps.some((s) => s.includes('Redeploy the stage'))).toBe(true);
    });
  });
});
