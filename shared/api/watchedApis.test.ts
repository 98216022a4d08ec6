import { describe, it, expect } from 'vitest';
import { parseWatchedApis, unwatchedErrors } from './watchedApis.ts';

// WATCHED_APIS as infra/ApiGatewayDiagnosis.ts writes it.
const WATCHED = '[{"type":"REST","apiId":"a1b2c3d4e5","name":"orders-api","stage":"prod"},{"type":"HTTP","apiId":"k9x8w7v6u5","name":"payments-http","stage":"$default"}]';

describe('parseWatchedApis', () => {
  it('reads the list, and means no restriction when unset or empty', () => {
    expect(parseWatchedApis(WATCHED)).toEqual([
      { type: 'REST', apiId: 'a1b2c3d4e5', name: 'orders-api', stage: 'prod' },
      { type: 'HTTP', apiId: 'k9x8w7v6u5', name: 'payments-http', stage: '$default' },
    ]);
    expect(parseWatchedApis(undefined)).toBeUndefined();
    expect(parseWatchedApis('[]')).toBeUndefined();
  });

  it('refuses a malformed value (a deployment error)', () => {
    expect(() => parseWatchedApis('{"apiId":"a"}')).toThrow(/JSON array/);
    expect(() => parseWatchedApis('[{"apiId":"a1b2c3d4e5"}]')).toThrow(/WATCHED_APIS\[0\] needs apiId and stage/);
    expect(() => parseWatchedApis('[{')).toThrow(/not JSON/);
  });
});

describe('unwatchedErrors', () => {
  const watched = parseWatchedApis(WATCHED) ?? [];
  it('accepts a watched API and stage', () => {
    expect(unwatchedErrors('a1b2c3d4e5', 'prod', watched)).toEqual([]);
    expect(unwatchedErrors('k9x8w7v6u5', '$default', watched)).toEqual([]);
  });

  it('refuses another API, listing what is watched', () => {
    expect(unwatchedErrors('z9y8x7w6v5', 'prod', watched)).toEqual([
      { field: 'apiId', message: expect.stringContaining('"z9y8x7w6v5" is not an API this deployment watches (a1b2c3d4e5 (orders-api) prod, k9x8w7v6u5 (payments-http) $default)') },
    ]);
  });

  it('refuses another stage of a watched API, naming its stages', () => {
    expect(unwatchedErrors('a1b2c3d4e5', 'staging', watched)).toEqual([{ field: 'stage', message: 'Stage "staging" of a1b2c3d4e5 is not watched; its watched stages are "prod"' }]);
  });
});
