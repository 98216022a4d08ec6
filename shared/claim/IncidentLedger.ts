/**
 * The ledger behind ClaimIncident's two guarantees: an alarm transition is diagnosed once however often it is
 * delivered, and an API's alarm that flaps starts one diagnosis per cool-down. Two conditional writes, each either
 * taking a key or saying who holds it. Implementations: DynamoDB (deployed), memory (local run, tests).
 */

/** What a claim writes. */
export interface LedgerClaim {
  diagnosisId: string;
  /** Epoch ms of the claim. */
  claimedAt: number;
  /** Epoch seconds after which the item may be deleted (the table's TTL attribute). */
  expiresAt: number;
  /** The execution that claims (a retry of the same execution finds its own claim, not a duplicate's). */
  executionName?: string;
}

export interface CooldownClaim extends LedgerClaim {
  /** Epoch ms until which the key is held. */
  until: number;
}

export type ClaimOutcome =
  | { claimed: true }
  /** Someone holds the key: the diagnosis that took it, and (a cool-down) until when. Absent when the store did not say. */
  | { claimed: false; heldBy?: string; until?: number; heldByExecution?: string };

export interface IncidentLedger {
  /** Takes `key` if nobody ever has (until the item expires). */
  claimOnce(key: string, claim: LedgerClaim): Promise<ClaimOutcome>;
  /** Takes `key` if nobody holds it, or the holder's cool-down ended before `now` (epoch ms); the claim replaces it. */
  claimCooldown(key: string, claim: CooldownClaim, now: number): Promise<ClaimOutcome>;
  /** Ends a held cool-down at `until` (epoch ms) if it would end later; nothing when none is held that long. */
  shortenCooldown(key: string, until: number): Promise<void>;
}
