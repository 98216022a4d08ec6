import { describe, expect, it } from 'vitest';
import { parseAccessRecord, parseRequestTime } from './accessRecord.ts';

describe('parseAccessRecord', () => {
  it('reads the console CLF format', () => {
    const r = parseAccessRecord('203.0.113.7 - - [10/Mar/2026:13:45:09 +0000]"GET /orders/{id} HTTP/1.1" 502 36 7d901642-2b09-4e51-9cff-40dc7c1259fe xtzl6nY9RMnvFXM=');
    expect(r).toEqual({ requestId: '7d901642-2b09-4e51-9cff-40dc7c1259fe', status: 502, time: Date.UTC(2026, 2, 10, 13, 45, 9) });
  });
  it('reads CSV, XML and custom JSON', () => {
    expect(parseAccessRecord('81.2.69.108,-,-,14/May/2026:16:00:34 +0000,GET,/quotes/{quoteId},HTTP/1.1,200,18,e539e7f2-1789-4605-9e1c-64bbff3c4a1b,OVjlUJOi0nHizQJ=')?.status).toBe(200);
    expect(parseAccessRecord('<request id="abc"> <status>500</status> <requestTime>14/May/2026:16:00:34 +0000</requestTime> </request>')?.requestId).toBe('abc');
    expect(parseAccessRecord('{"rid":"x","code":"503","stage":"staging"}')).toEqual({ requestId: 'x', status: 503, stage: 'staging' });
  });
  it('returns null for lines that are not access records', () => {
    expect(parseAccessRecord('START RequestId: 1 Version: $LATEST')).toBeNull();
    expect(parseAccessRecord('{"no":"ids"}')).toBeNull();
  });
  it('parses $context.requestTime', () => {
    expect(parseRequestTime('02/Apr/2026:09:22:49 +0000')).toBe(Date.UTC(2026, 3, 2, 9, 22, 49));
    expect(parseRequestTime('yesterday')).toBeUndefined();
  });
});
