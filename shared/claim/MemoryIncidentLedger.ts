import type { ClaimOutcome, CooldownClaim, IncidentLedger, LedgerClaim } from './IncidentLedger.ts';

/** A ledger item, as the DynamoDB ledger stores it. */
export interface LedgerItem {
  pk: string;
  diagnosisId: string;
  claimedAt: number;
  expiresAt: number;
  cooldownUntil?: number;
  executionName?: string;
}

/**
 * The ledger in memory, with DynamoDB's semantics: claimOnce is `attribute_not_exists(pk)`, claimCooldown is
 * `attribute_not_exists(pk) OR cooldownUntil < :now` (so an item without cooldownUntil holds its key). Like
 * DynamoDB TTL, expiry is not enforced at write time. For the local workflow run and tests; one process only.
 */
export class MemoryIncidentLedger implements IncidentLedger {
  private readonly items = new Map<string, LedgerItem>();

  async claimOnce(key: string, claim: LedgerClaim): Promise<ClaimOutcome> {
    const held = this.items.get(key);
    if (held !== undefined) return heldBy(held);
    this.items.set(key, { pk: key, ...claim });
    return { claimed: true };
  }

  async claimCooldown(key: string, claim: CooldownClaim, now: number): Promise<ClaimOutcome> {
    const held = this.items.get(key);
    if (held !== undefined && !(held.cooldownUntil !== undefined && held.cooldownUntil < now)) return heldBy(held);
    const { until, ...rest } = claim;
    this.items.set(key, { pk: key, ...rest, cooldownUntil: until });
    return { claimed: true };
  }

  async shortenCooldown(key: string, until: number): Promise<void> {
    const held = this.items.get(key);
    if (held?.cooldownUntil !== undefined && held.cooldownUntil > until) this.items.set(key, { ...held, cooldownUntil: until });
  }

  /** The item under a key (for tests and the local run's report). */
  item(key: string): LedgerItem | undefined {
    const item = this.items.get(key);
    return item === undefined ? undefined : { ...item };
  }
}

function heldBy(item: LedgerItem): ClaimOutcome {
  return {
    claimed: false,
    heldBy: item.diagnosisId,
    ...(item.cooldownUntil === undefined ? {} : { until: item.cooldownUntil }),
    ...(item.executionName === undefined ? {} : { heldByExecution: item.executionName }),
  };
}
