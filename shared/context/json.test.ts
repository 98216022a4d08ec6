import { describe, it, expect } from 'vitest';
import { asBoolean, asNumber, asString, asStringMap, describeJsonType, dimensionsToMap, parseEmbeddedJson, pick } from './json.ts';

describe('json helpers', () => {
  it('read numbers leniently (hand-built files carry "30")', () => {
    expect(asNumber(30)).toBe(30);
    expect(asNumber(' 3.5 ')).toBe(3.5);
    expect(asNumber('')).toBeUndefined();
    expect(asNumber('thirty')).toBeUndefined();
    expect(asNumber(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(asNumber(null)).toBeUndefined();
  });

  it('read strings, treating "" as absent (get-function prints VpcId "")', () => {
    expect(asString('x')).toBe('x');
    expect(asString('')).toBeUndefined();
    expect(asString(7)).toBe('7');
    expect(asString({})).toBeUndefined();
  });

  it('read CloudTrail\'s string booleans ("ReadOnly": "true")', () => {
    expect(asBoolean('true')).toBe(true);
    expect(asBoolean('False')).toBe(false);
    expect(asBoolean('yes')).toBeUndefined();
    expect(asBoolean(true)).toBe(true);
  });

  it('turn both dimension shapes into a map', () => {
    // SNS Trigger.Dimensions [{value,name}], MetricDataQueries [{Name,Value}], EventBridge {ApiName: ...}
    expect(dimensionsToMap([{ value: 'orders-api', name: 'ApiName' }, { Name: 'Stage', Value: 'prod' }, { name: 'x' }, 'junk'])).toEqual({
      ApiName: 'orders-api',
      Stage: 'prod',
    });
    expect(dimensionsToMap({ ApiId: 'a1b2c3', Stage: '$default', Bad: { x: 1 } })).toEqual({ ApiId: 'a1b2c3', Stage: '$default' });
    expect(dimensionsToMap('ApiName=orders')).toEqual({});
  });

  it('keep only scalar values in string maps', () => {
    expect(asStringMap({ a: 'x', b: 2, c: true, d: null, e: [1] })).toEqual({ a: 'x', b: '2', c: 'true' });
    expect(asStringMap(['a'])).toEqual({});
  });

  it('follow paths and parse embedded JSON without throwing', () => {
    expect(pick({ a: { b: { c: 1 } } }, 'a', 'b', 'c')).toBe(1);
    expect(pick({ a: [1] }, 'a', 'b')).toBeUndefined();
    expect(parseEmbeddedJson('{"AlarmName":"x"}')).toEqual({ AlarmName: 'x' });
    expect(parseEmbeddedJson('{broken')).toBeUndefined();
    expect(parseEmbeddedJson(5)).toBeUndefined();
  });

  it('say what was found', () => {
    expect([null, [], {}, 's', 1, true, undefined].map(describeJsonType)).toEqual([
      'null', 'a JSON array', 'a JSON object', 'a string', 'a number', 'a boolean', 'nothing',
    ]);
  });
});
