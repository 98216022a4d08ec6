import { describe, it, expect } from 'vitest';
import { MemoryIncidentLedger } from './MemoryIncidentLedger.ts';
import { describeLedgerContract } from './ledgerContract.ts';

describeLedgerContract('MemoryIncidentLedger', () => new MemoryIncidentLedger());

describe('MemoryIncidentLedger', () => {
  it('keeps the items as the DynamoDB ledger writes them', async () => {
    const ledger = new MemoryIncidentLedger();
    await ledger.claimCooldown('cooldown#orders-api/prod', { diagnosisId: 'd1', claimedAt: 1000, until: 61_000, expiresAt: 3662 }, 1000);
    expect(ledger.item('cooldown#orders-api/prod')).toEqual({ pk: 'cooldown#orders-api/prod', diagnosisId: 'd1', claimedAt: 1000, cooldownUntil: 61_000, expiresAt: 3662 });
    expect(ledger.item('cooldown#other/prod')).toBeUndefined();
  });
});
