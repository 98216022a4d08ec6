import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { GET_DIAGNOSIS_STATUSES, START_DIAGNOSIS_STATUSES } from './apiResponse.ts';
import { isDiagnosisId, newDiagnosisId } from './diagnosisId.ts';
import { DIAGNOSIS_STATUSES } from './diagnosisStatus.ts';
import { API_ID_PATTERN, DIAGNOSIS_REQUEST_FIELDS, STAGE_PATTERN, parseDiagnosisRequest } from './parseDiagnosisRequest.ts';

/**
 * docs/openapi.json describes what the handlers do. (JSON rather than YAML: no YAML parser is a dependency of
 * this project.) The handler tests check that every response has a status of START_/GET_DIAGNOSIS_STATUSES;
 * this checks that the document documents each of them, and that its schemas are the code's rules.
 */
type Json = Record<string, unknown>;
const doc = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as Json;

function at(value: unknown, ...path: string[]): unknown {
  let here = value;
  for (const key of path) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = (here as Json)[key];
  }
  return here;
}
function record(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} is not an object`);
  return value as Json;
}
const schema = (name: string): Json => record(at(doc, 'components', 'schemas', name), `schema ${name}`);
const post = record(at(doc, 'paths', '/diagnoses', 'post'), 'POST /diagnoses');
const get = record(at(doc, 'paths', '/diagnoses/{id}', 'get'), 'GET /diagnoses/{id}');

describe('docs/openapi.json', () => {
  it('is OpenAPI 3.0', () => {
    expect(doc['openapi']).toMatch(/^3\.0\.\d+$/);
  });

  it.each([
    ['POST /diagnoses', post, START_DIAGNOSIS_STATUSES],
    ['GET /diagnoses/{id}', get, GET_DIAGNOSIS_STATUSES],
  ] as const)('%s documents every status the handler returns, errors with the Error schema', (_name, operation, statuses) => {
    const responses = record(operation['responses'], 'responses');
    for (const status of statuses) {
      const response = record(responses[String(status)], `response ${status}`);
      expect(typeof response['description']).toBe('string');
      if (status >= 400) expect(at(response, 'content', 'application/json', 'schema', '$ref')).toBe('#/components/schemas/Error');
    }
    expect(at(responses, '503', 'headers', 'Retry-After')).toBeDefined();
    expect(at(responses, '403', 'content', 'application/json', 'schema', '$ref')).toBe('#/components/schemas/GatewayError');
  });

  it('documents the Location header of 202', () => {
    expect(at(post, 'responses', '202', 'headers', 'Location')).toBeDefined();
  });

  it('is IAM-authorised with the awsSigv4 security scheme, on every operation', () => {
    expect(at(doc, 'components', 'securitySchemes', 'sigv4')).toMatchObject({ type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' });
    expect(doc['security']).toEqual([{ sigv4: [] }]);
    for (const operation of [post, get]) expect(operation['security'] ?? doc['security']).toEqual([{ sigv4: [] }]);
  });

  it('has no $ref that points nowhere', () => {
    const refs: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (typeof value === 'object' && value !== null) {
        for (const [k, v] of Object.entries(value)) k === '$ref' && typeof v === 'string' ? refs.push(v) : walk(v);
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref.startsWith('#/')).toBe(true);
      expect(at(doc, ...ref.slice(2).split('/')), ref).toBeDefined();
    }
  });

  it('states the request rules the parser applies', () => {
    const request = schema('DiagnosisRequest');
    expect(Object.keys(record(request['properties'], 'properties')).sort()).toEqual([...DIAGNOSIS_REQUEST_FIELDS].sort());
    expect(request['additionalProperties']).toBe(false);
    expect(request['required']).toEqual(['apiId', 'stage']);
    expect(schema('ApiId')['pattern']).toBe(API_ID_PATTERN.source);
    expect(schema('Stage')['pattern']).toBe(STAGE_PATTERN.source);
  });

  it('its request examples are accepted by the parser', () => {
    const examples = record(at(post, 'requestBody', 'content', 'application/json', 'examples'), 'examples');
    const now = Date.parse('2026-11-24T11:15:02Z');
    for (const [name, example] of Object.entries(examples)) {
      const result = parseDiagnosisRequest(JSON.stringify(at(example, 'value')), { now });
      expect('request' in result, `${name}: ${JSON.stringify(result)}`).toBe(true);
    }
  });

  it('its DiagnosisId pattern is isDiagnosisId', () => {
    const pattern = new RegExp(String(schema('DiagnosisId')['pattern']));
    const ids = ['manual-a1b2c3d4e5-prod-20261124T111502Z-k3v9x2', newDiagnosisId('k3v9x2m7qp', '$default', Date.now()), newDiagnosisId('k3v9x2m7qp', 's'.repeat(128), Date.now())];
    for (const id of [...ids, 'orders-api', 'manual-a1b2c3d4e5-prod-20261124T111502Z', `manual-a1b2c3d4e5-${'s'.repeat(39)}-20261124T111502Z-k3v9x2`]) {
      expect(pattern.test(id), id).toBe(isDiagnosisId(id));
    }
  });

  it('its DiagnosisStatus covers every status, one schema each', () => {
    const mapping = record(at(schema('DiagnosisStatus'), 'discriminator', 'mapping'), 'mapping');
    expect(Object.keys(mapping).sort()).toEqual([...DIAGNOSIS_STATUSES].sort());
    for (const [status, ref] of Object.entries(mapping)) {
      expect(at(doc, ...String(ref).slice(2).split('/'), 'properties', 'status', 'enum')).toEqual([status]);
    }
    const examples = record(at(get, 'responses', '200', 'content', 'application/json', 'examples'), 'examples');
    for (const example of Object.values(examples)) expect(DIAGNOSIS_STATUSES).toContain(at(example, 'value', 'status'));
  });
});
