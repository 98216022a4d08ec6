/** The semantics every IncidentLedger shares, as a suite each implementation runs against itself. */
import { describe, it, expect } from 'vitest';
import type { IncidentLedger } from './IncidentLedger.ts';

const T0 = Date.parse('2026-03-10T13:56:52.616Z');
const MIN = 60_000;

export function describeLedgerContract(name: string, makeLedger: () => IncidentLedger | Promise<IncidentLedger>): void {
  describe(`${name}: the IncidentLedger contract`, () => {
    it('claimOnce takes a key once and then says who took it', async () => {
      const ledger = await makeLedger();
      const claim = { diagnosisId: 'alarm-a-20260310T135652-0c3e9d1a', claimedAt: T0, expiresAt: T0 / 1000 + 3600 };
      expect(await ledger.claimOnce('transition#alarm-a-20260310T135652-0c3e9d1a', claim)).toEqual({ claimed: true });
      expect(await ledger.claimOnce('transition#alarm-a-20260310T135652-0c3e9d1a', { ...claim, claimedAt: T0 + 5 })).toEqual({
        claimed: false,
        heldBy: 'alarm-a-20260310T135652-0c3e9d1a',
      });
      expect(await ledger.claimOnce('transition#alarm-b-20260310T135652-77aa0b1c', { ...claim, diagnosisId: 'alarm-b-20260310T135652-77aa0b1c' })).toEqual({ claimed: true });
    });

    it('claimCooldown holds a key until its cool-down ends, then lets the next claim replace it', async () => {
      const ledger = await makeLedger();
      const key = 'cooldown#orders-api/prod';
      const first = { diagnosisId: 'first', claimedAt: T0, until: T0 + 30 * MIN, expiresAt: Math.ceil((T0 + 90 * MIN) / 1000) };
      expect(await ledger.claimCooldown(key, first, T0)).toEqual({ claimed: true });

      const second = { diagnosisId: 'second', claimedAt: T0 + 5 * MIN, until: T0 + 35 * MIN, expiresAt: Math.ceil((T0 + 95 * MIN) / 1000) };
      expect(await ledger.claimCooldown(key, second, T0 + 5 * MIN)).toEqual({ claimed: false, heldBy: 'first', until: T0 + 30 * MIN });
      // The condition is "cooldownUntil < now": at the very millisecond the cool-down ends, it still holds.
      expect(await ledger.claimCooldown(key, second, T0 + 30 * MIN)).toEqual({ claimed: false, heldBy: 'first', until: T0 + 30 * MIN });

      const third = { diagnosisId: 'third', claimedAt: T0 + 31 * MIN, until: T0 + 61 * MIN, expiresAt: Math.ceil((T0 + 121 * MIN) / 1000) };
      expect(await ledger.claimCooldown(key, third, T0 + 31 * MIN)).toEqual({ claimed: true });
      expect(await ledger.claimCooldown(key, { ...second, claimedAt: T0 + 40 * MIN }, T0 + 40 * MIN)).toEqual({ claimed: false, heldBy: 'third', until: T0 + 61 * MIN });
    });

    it('keeps keys apart: one API cooling down does not hold another', async () => {
      const ledger = await makeLedger();
      const claim = (id: string) => ({ diagnosisId: id, claimedAt: T0, until: T0 + 30 * MIN, expiresAt: Math.ceil(T0 / 1000) + 7200 });
      expect(await ledger.claimCooldown('cooldown#orders-api/prod', claim('a'), T0)).toEqual({ claimed: true });
      expect(await ledger.claimCooldown('cooldown#orders-api/staging', claim('b'), T0)).toEqual({ claimed: true });
      expect(await ledger.claimCooldown('cooldown#p9r4f1l6e3/$default', claim('c'), T0)).toEqual({ claimed: true });
    });

    it('a key taken by claimOnce (no cool-down end) holds against claimCooldown', async () => {
      const ledger = await makeLedger();
      await ledger.claimOnce('shared-key', { diagnosisId: 'once', claimedAt: T0, expiresAt: Math.ceil(T0 / 1000) + 60 });
      expect(await ledger.claimCooldown('shared-key', { diagnosisId: 'later', claimedAt: T0 + 99 * MIN, until: T0 + 120 * MIN, expiresAt: Math.ceil(T0 / 1000) + 9000 }, T0 + 99 * MIN)).toEqual({
        claimed: false,
        heldBy: 'once',
      });
    });

    it('shortenCooldown ends a longer cool-down early (the alarm went back to OK), never lengthens one', async () => {
      const ledger = await makeLedger();
      const claim = (id: string, at: number) => ({ diagnosisId: id, claimedAt: at, until: at + 30 * MIN, expiresAt: Math.ceil(at / 1000) + 7200 });
      await ledger.claimCooldown('cooldown#orders-api/prod', claim('a', T0), T0);
      await ledger.shortenCooldown('cooldown#orders-api/prod', T0 + 10 * MIN);
      // Re-alarm 11 minutes later: the first incident ended, a new diagnosis starts.
      expect(await ledger.claimCooldown('cooldown#orders-api/prod', claim('b', T0 + 11 * MIN), T0 + 11 * MIN)).toEqual({ claimed: true });
      // Shortening to a later time than held, or a key nobody holds, changes nothing.
      await ledger.shortenCooldown('cooldown#orders-api/prod', T0 + 60 * MIN);
      await ledger.shortenCooldown('cooldown#nobody/prod', T0);
      expect(await ledger.claimCooldown('cooldown#orders-api/prod', claim('c', T0 + 20 * MIN), T0 + 20 * MIN)).toMatchObject({ claimed: false, heldBy: 'b' });
    });
  });
}
