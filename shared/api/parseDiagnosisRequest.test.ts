import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MAX_BODY_BYTES, parseDiagnosisRequest, type DiagnosisRequestResult } from './parseDiagnosisRequest.ts';

const NOW = Date.parse('2026-11-24T11:00:00Z');
const parse = (body: unknown, options: { maxWindowMinutes?: number; raw?: boolean } = {}): DiagnosisRequestResult =>
  parseDiagnosisRequest(options.raw ? (body as string) : JSON.stringify(body), { now: NOW, ...(options.maxWindowMinutes !== undefined ? { maxWindowMinutes: options.maxWindowMinutes } : {}) });

function request(result: DiagnosisRequestResult) {
  if ('errors' in result) throw new Error(`expected a request, got ${JSON.stringify(result.errors)}`);
  return result.request;
}
function errors(result: DiagnosisRequestResult) {
  if (!('errors' in result)) throw new Error(`expected errors, got ${JSON.stringify(result.request)}`);
  return result.errors;
}
function errorFor(result: DiagnosisRequestResult, field: string): string {
  const found = errors(result).find((e) => e.field === field);
  if (!found) throw new Error(`no error for ${field}: ${JSON.stringify(errors(result))}`);
  return found.message;
}

describe('parseDiagnosisRequest: valid requests', () => {
  it('takes since as a duration and resolves the window back from now', () => {
    const r = request(parse({ apiId: 'a1b2c3d4e5', stage: 'prod', since: '30m' }));
    expect(r).toEqual({ apiId: 'a1b2c3d4e5', stage: 'prod', since: 1_800_000, window: { start: NOW - 1_800_000, end: NOW } });
  });

  it('defaults to the last hour when neither from/to nor since is given', () => {
    const r = request(parse({ apiId: 'a1b2c3d4e5', stage: 'prod' }));
    expect(r.since).toBe(3_600_000);
    expect(r.window).toEqual({ start: NOW - 3_600_000, end: NOW });
    expect(r.from).toBeUndefined();
  });

  it('keeps the default inside a smaller configured maximum', () => {
    expect(request(parse({ apiId: 'a1b2c3d4e5', stage: 'prod' }, { maxWindowMinutes: 30 })).since).toBe(1_800_000);
  });

  it('takes from/to as ISO 8601 with Z, offsets with and without a colon, and epoch ms', () => {
    const iso = request(parse({ apiId: 'a1b2c3d4e5', stage: 'prod', from: '2026-11-24T10:00:00Z', to: '2026-11-24T10:30:00.500Z' }));
    expect(iso.from).toBe(Date.parse('2026-11-24T10:00:00Z'));
    expect(iso.to).toBe(Date.parse('2026-11-24T10:30:00.500Z'));
    expect(iso.window).toEqual({ start: iso.from, end: iso.to });
    const offsets = request(parse({ apiId: 'a1b2c3d4e5', stage: 'prod', from: '2026-11-24T12:00:00+02:00', to: '2026-11-24 12:30+0200' }));
    expect(offsets.from).toBe(Date.parse('2026-11-24T10:00:00Z'));
    expect(offsets.to).toBe(Date.parse('2026-11-24T10:30:00Z'));
    const ms = request(parse({ apiId: 'a1b2c3d4e5', stage: 'prod', from: NOW - 600_000, to: String(NOW) }));
    expect([ms.from, ms.to]).toEqual([NOW - 600_000, NOW]);
  });

  it('accepts an HTTP API\'s $default stage and stage names with hyphens and underscores', () => {
    expect(request(parse({ apiId: 'k3v9x2m7qp', stage: '$default' })).stage).toBe('$default');
    expect(request(parse({ apiId: 'k3v9x2m7qp', stage: 'Prod_eu-1' })).stage).toBe('Prod_eu-1');
  });

  it.each([
    ['90s', 90_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['45 minutes', 2_700_000],
    ['PT30M', 1_800_000],
    ['PT1H15M', 4_500_000],
    [1_800_000, 1_800_000],
  ])('reads since %j as %i ms', (since, ms) => {
    expect(request(parse({ apiId: 'a1b2c3d4e5', stage: 'prod', since })).since).toBe(ms);
  });

  it('allows a to up to 5 minutes ahead (clock skew)', () => {
    expect(request(parse({ apiId: 'a1b2c3d4e5', stage: 'prod', from: NOW - 600_000, to: NOW + 240_000 })).to).toBe(NOW + 240_000);
  });

  it('decodes a base64 body (API Gateway binary media types)', () => {
    const body = Buffer.from(JSON.stringify({ apiId: 'a1b2c3d4e5', stage: 'prod', since: '15m' })).toString('base64');
    const result = parseDiagnosisRequest(body, { now: NOW, isBase64Encoded: true });
    expect(request(result).since).toBe(900_000);
  });
});

describe('parseDiagnosisRequest: the API id', () => {
  it('refuses a name, and says names are not accepted and how to find the id', () => {
    const message = errorFor(parse({ apiId: 'orders-api', stage: 'prod' }), 'apiId');
    expect(message).toContain('"orders-api" is not an API id');
    expect(message).toContain('names are not accepted');
    expect(message).toContain('aws apigateway get-rest-apis');
  });

  it('refuses a URL but names the id in it', () => {
    expect(errorFor(parse({ apiId: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod', stage: 'prod' }), 'apiId')).toContain('send "a1b2c3d4e5"');
  });

  it('refuses upper case, suggesting the lowercase id', () => {
    expect(errorFor(parse({ apiId: 'A1B2C3D4E5', stage: 'prod' }), 'apiId')).toContain('"a1b2c3d4e5"');
  });

  it('requires apiId and stage, reporting both at once', () => {
    const list = errors(parse({}));
    expect(list.map((e) => e.field).sort()).toEqual(['apiId', 'stage']);
    expect(list.find((e) => e.field === 'apiId')?.message).toMatch(/^apiId is required/);
  });

  it('refuses a number where a string belongs', () => {
    expect(errorFor(parse({ apiId: 1234567890, stage: 'prod' }), 'apiId')).toContain('it is a number');
  });
});

describe('parseDiagnosisRequest: the stage', () => {
  it('refuses a stage with a slash, suggesting it without', () => {
    expect(errorFor(parse({ apiId: 'a1b2c3d4e5', stage: '/prod' }), 'stage')).toContain('send "prod" without the slashes');
  });

  it('refuses spaces, other characters and names over 128 characters', () => {
    expect(errorFor(parse({ apiId: 'a1b2c3d4e5', stage: 'prod stage' }), 'stage')).toContain('is not a stage name');
    expect(errorFor(parse({ apiId: 'a1b2c3d4e5', stage: 'prod.v2' }), 'stage')).toContain('letters, digits, hyphens and underscores');
    expect(errorFor(parse({ apiId: 'a1b2c3d4e5', stage: 'x'.repeat(129) }), 'stage')).toContain('1 to 128');
    expect(request(parse({ apiId: 'a1b2c3d4e5', stage: 'x'.repeat(128) })).stage).toHaveLength(128);
  });
});

describe('parseDiagnosisRequest: the window', () => {
  const base = { apiId: 'a1b2c3d4e5', stage: 'prod' };

  it('refuses since together with from/to', () => {
    expect(errorFor(parse({ ...base, since: '1h', from: '2026-11-24T10:00:00Z', to: '2026-11-24T10:30:00Z' }), 'since')).toContain('not both');
  });

  it('needs to with from and from with to', () => {
    expect(errorFor(parse({ ...base, from: '2026-11-24T10:00:00Z' }), 'to')).toContain('"to" is required with "from"');
    expect(errorFor(parse({ ...base, to: '2026-11-24T10:00:00Z' }), 'from')).toContain('"from" is required with "to"');
  });

  it('refuses from after to, naming both times', () => {
    const message = errorFor(parse({ ...base, from: '2026-11-24T10:30:00Z', to: '2026-11-24T10:00:00Z' }), 'from');
    expect(message).toBe('from (2026-11-24T10:30:00.000Z) must be before to (2026-11-24T10:00:00.000Z)');
  });

  it('refuses a to more than 5 minutes in the future', () => {
    expect(errorFor(parse({ ...base, from: NOW - 600_000, to: NOW + 360_000 }), 'to')).toContain('in the future');
  });

  it('refuses a window longer than the maximum (default 6 hours), and accepts it under a larger configured maximum', () => {
    const body = { ...base, from: '2026-11-24T03:00:00Z', to: '2026-11-24T10:00:00Z' };
    expect(errorFor(parse(body), 'window')).toContain('is 7h long; it may be at most 6h');
    expect(request(parse(body, { maxWindowMinutes: 480 })).window.end - request(parse(body, { maxWindowMinutes: 480 })).window.start).toBe(7 * 3_600_000);
    expect(errorFor(parse({ ...base, since: '7h' }), 'since')).toContain('at most 6h');
    expect(errorFor(parse({ ...base, since: '1d' }), 'since')).toContain('at most 6h');
  });

  it('refuses a from older than 30 days and says why', () => {
    const message = errorFor(parse({ ...base, from: '2026-10-20T10:00:00Z', to: '2026-10-20T11:00:00Z' }), 'from');
    expect(message).toContain('more than 30 days ago');
    expect(message).toContain('X-Ray keeps traces');
  });

  it('refuses a window under a minute', () => {
    expect(errorFor(parse({ ...base, from: NOW - 30_000, to: NOW }), 'window')).toContain('shorter than a minute');
    expect(errorFor(parse({ ...base, since: 30 }), 'since')).toContain('a number is milliseconds');
  });

  it('says what is wrong with a time', () => {
    expect(errorFor(parse({ ...base, from: '2026-11-24T10:00:00', to: '2026-11-24T11:00:00Z' }), 'from')).toContain('has no time zone');
    expect(errorFor(parse({ ...base, from: '2026-02-30T10:00:00Z', to: '2026-11-24T11:00:00Z' }), 'from')).toContain('not a valid date');
    expect(errorFor(parse({ ...base, from: 'yesterday', to: '2026-11-24T11:00:00Z' }), 'from')).toContain('is not a time');
    expect(errorFor(parse({ ...base, from: 1795600800, to: 1795604400 }), 'from')).toContain('looks like epoch seconds');
    expect(errorFor(parse({ ...base, from: true, to: NOW }), 'from')).toContain('not the boolean true');
  });

  it('says what is wrong with a duration', () => {
    expect(errorFor(parse({ ...base, since: '30' }), 'since')).toContain('has no unit');
    expect(errorFor(parse({ ...base, since: '30 fortnights' }), 'since')).toContain('is not a duration');
    expect(errorFor(parse({ ...base, since: -5 }), 'since')).toContain('positive whole number');
  });
});

describe('parseDiagnosisRequest: the body', () => {
  it('refuses unknown fields, with a hint for the usual mistakes', () => {
    const list = errors(parse({ apiId: 'a1b2c3d4e5', stage: 'prod', apiName: 'orders-api', window: '1h', foo: 1 }));
    expect(list.find((e) => e.field === 'apiName')?.message).toContain('API names are not accepted');
    expect(list.find((e) => e.field === 'window')?.message).toContain('send "since"');
    expect(list.find((e) => e.field === 'foo')?.message).toContain('the accepted fields are apiId, stage, from, to and since');
    expect(errorFor(parse({ ApiId: 'a1b2c3d4e5', stage: 'prod' }), 'ApiId')).toContain('did you mean "apiId"');
  });

  it('refuses a body that is not JSON, saying so', () => {
    expect(errorFor(parse('apiId=a1b2c3d4e5&stage=prod', { raw: true }), 'body')).toMatch(/^The body is not JSON \(.+\); send a JSON object/);
  });

  it('refuses an empty or missing body, and JSON that is not an object', () => {
    expect(errorFor(parseDiagnosisRequest(null, { now: NOW }), 'body')).toContain('has no body');
    expect(errorFor(parseDiagnosisRequest('  ', { now: NOW }), 'body')).toContain('has no body');
    expect(errorFor(parse([{ apiId: 'a1b2c3d4e5' }]), 'body')).toContain('not an array');
    expect(errorFor(parse('null', { raw: true }), 'body')).toContain('not null');
  });

  it(`refuses a body over ${MAX_BODY_BYTES} bytes before parsing it`, () => {
    const big = JSON.stringify({ apiId: 'a1b2c3d4e5', stage: 'prod', pad: 'x'.repeat(MAX_BODY_BYTES) });
    const list = errors(parse(big, { raw: true }));
    expect(list).toHaveLength(1);
    expect(list[0]?.message).toContain(`at most ${MAX_BODY_BYTES} bytes`);
  });

  it('never throws and always answers a request or at least one error with a message (fuzz)', () => {
    const field = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.json());
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.record({ apiId: field, stage: field, from: field, to: field, since: field }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
        ),
        (body) => {
          const result = parseDiagnosisRequest(body, { now: NOW });
          if ('request' in result) {
            expect(result.request.window.start).toBeLessThan(result.request.window.end);
          } else {
            expect(result.errors.length).toBeGreaterThan(0);
            for (const e of result.errors) expect(e.message.length).toBeGreaterThan(10);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
