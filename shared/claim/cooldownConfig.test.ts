import { describe, it, expect } from 'vitest';
import { cooldownMsFor, parseCooldownConfig } from './cooldownConfig.ts';

describe('parseCooldownConfig', () => {
  it('defaults to 1800 s for every API', () => {
    const config = parseCooldownConfig({});
    expect(config).toEqual({ defaultSeconds: 1800, perApi: {}, problems: [] });
    expect(cooldownMsFor(config)('orders-api/prod')).toBe(1_800_000);
  });

  it('reads the default and the per-API map; 0 turns a cool-down off', () => {
    const config = parseCooldownConfig({ COOLDOWN_SECONDS: '600', COOLDOWNS: '{"orders-api/prod": 3600, "p9r4f1l6e3/$default": 0, "h6q2n8d4ls/*": "120"}' });
    expect(config.problems).toEqual([]);
    const cooldownMs = cooldownMsFor(config);
    expect(cooldownMs('orders-api/prod')).toBe(3_600_000);
    expect(cooldownMs('p9r4f1l6e3/$default')).toBe(0);
    expect(cooldownMs('h6q2n8d4ls/*')).toBe(120_000);
    expect(cooldownMs('orders-api/staging')).toBe(600_000);
    expect(cooldownMs('constructor')).toBe(600_000);
    expect(cooldownMs('__proto__')).toBe(600_000);
  });

  it('reports bad values and keeps going with the defaults', () => {
    const config = parseCooldownConfig({ COOLDOWN_SECONDS: 'half an hour', COOLDOWNS: '{"orders-api/prod": -5, "orders-api": 60, "ok/prod": 30}' });
    expect(config.defaultSeconds).toBe(1800);
    expect(config.perApi).toEqual({ 'ok/prod': 30 });
    expect(config.problems).toEqual([
      'COOLDOWN_SECONDS="half an hour" is not a number of seconds ≥ 0; using 1800',
      'COOLDOWNS["orders-api/prod"] is not a number of seconds ≥ 0; ignored',
      'COOLDOWNS key "orders-api" is not "<api>/<stage>"; ignored',
    ]);
    expect(parseCooldownConfig({ COOLDOWNS: '[1,2]' }).problems).toEqual(['COOLDOWNS is not a JSON object {"<api>/<stage>": seconds}; every API gets the default cool-down']);
    expect(parseCooldownConfig({ COOLDOWNS: '{oops' }).problems).toHaveLength(1);
  });
});
