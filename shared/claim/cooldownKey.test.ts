import { describe, it, expect } from 'vitest';
import { cooldownApiKey } from './cooldownKey.ts';

describe('cooldownApiKey', () => {
  it('is <ApiName>/<Stage> for REST alarms and <ApiId>/<Stage> for HTTP alarms', () => {
    expect(cooldownApiKey({ name: 'orders-api-prod-5xx', dimensions: { ApiName: 'orders-api', Stage: 'prod' } })).toBe('orders-api/prod');
    expect(cooldownApiKey({ name: 'profile-http-5xx', dimensions: { ApiId: 'p9r4f1l6e3', Stage: '$default' } })).toBe('p9r4f1l6e3/$default');
  });

  it('covers every stage when the alarm has no Stage dimension, and falls back to the alarm name without an API', () => {
    expect(cooldownApiKey({ name: 'webhooks-http-5xx', dimensions: { ApiId: 'h6q2n8d4ls' } })).toBe('h6q2n8d4ls/*');
    expect(cooldownApiKey({ name: 'checkout-composite', dimensions: {} })).toBe('alarm:checkout-composite');
    expect(cooldownApiKey({ name: 'x', dimensions: { ApiName: ' ', ApiId: 'abc', Stage: '' } })).toBe('abc/*');
  });
});
