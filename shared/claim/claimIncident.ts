import type { DiagnosisTarget, Incident } from '../workflow/stepPayloads.ts';
import type { ClaimOutcome, IncidentLedger } from './IncidentLedger.ts';
import { alarmDiagnosisId } from './alarmDiagnosisId.ts';
import { cooldownApiKey } from './cooldownKey.ts';
import { readExecutionInput } from './executionInput.ts';

export interface ClaimOptions {
  /** Epoch ms now. */
  now: number;
  /** The execution's name, when the payload does not carry it. */
  executionName?: string;
  /** The cool-down of an API key ("<api>/<stage>", see cooldownApiKey) in ms; 0 turns it off. */
  cooldownMs(apiKey: string): number;
  /** How long a claimed transition is remembered; EventBridge retries a delivery for up to 24 h. Default 7 days. */
  transitionTtlSeconds?: number;
}

const DEFAULT_TRANSITION_TTL_SECONDS = 7 * 24 * 3600;
/** A cool-down item outlives its cool-down by this much (DynamoDB deletes expired items within a few days anyway). */
const COOLDOWN_TTL_MARGIN_SECONDS = 3600;

/**
 * ClaimIncident: the execution input -> the Incident the workflow diagnoses, or one it stops at (proceed false).
 * - A manual request always proceeds (a person asked): its id is the diagnosis id; no cool-down.
 * - An alarm event proceeds only for a transition to ALARM that nobody claimed before (a redelivery gets "already
 *   diagnosed") and, when its API has a cool-down, only outside another transition's cool-down. The transition is
 *   claimed first and stays claimed when the cool-down suppresses it, so a redelivery stays suppressed.
 * Throws InvalidExecutionInput for input that is neither; ledger errors propagate (the step fails and is retried).
 */
export async function claimIncident(input: unknown, ledger: IncidentLedger, options: ClaimOptions): Promise<Incident> {
  const request = readExecutionInput(input, options.executionName);
  const now = options.now;

  if (request.kind === 'manual') {
    const { id, apiId, stage, from, to, since, reply } = request.manual;
    const target: DiagnosisTarget = {
      kind: 'api',
      api: apiId,
      stage,
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      ...(since === undefined ? {} : { since }),
    };
    return { diagnosisId: id, proceed: true, target, ...(reply === undefined ? {} : { reply }), requestedAt: now };
  }

  const { alarm } = request;
  const diagnosisId = alarmDiagnosisId(request.alarmArn, alarm.name, alarm.stateChangeTime);
  const incident = (proceed: boolean, reason?: string): Incident => ({
    diagnosisId,
    proceed,
    ...(reason === undefined ? {} : { reason }),
    target: { kind: 'alarm-event', event: request.event },
    requestedAt: alarm.stateChangeTime,
  });

  if (alarm.state !== 'ALARM') {
    return incident(false, `alarm "${alarm.name}" went to ${alarm.state ?? 'an unknown state'}, not ALARM: nothing to diagnose`);
  }

  const transitionTtl = options.transitionTtlSeconds ?? DEFAULT_TRANSITION_TTL_SECONDS;
  // A retry of this very execution (the cool-down write was throttled, or Lambda failed after the handler) finds its
  // own claims: they count as taken, or the retry would call its own transition a duplicate and diagnose nothing.
  const executionName = request.executionName;
  const ours = (outcome: ClaimOutcome) => outcome.claimed || (executionName !== undefined && outcome.heldByExecution === executionName);
  const byExecution = executionName === undefined ? {} : { executionName };
  const transition = await ledger.claimOnce(`transition#${diagnosisId}`, { diagnosisId, claimedAt: now, expiresAt: epochSeconds(now) + transitionTtl, ...byExecution });
  if (!ours(transition)) return incident(false, `already diagnosed: ${(!transition.claimed && transition.heldBy) || diagnosisId}`);

  const apiKey = cooldownApiKey(alarm);
  const cooldown = options.cooldownMs(apiKey);
  if (!(cooldown > 0)) return incident(true);
  const until = now + cooldown;
  const held = await ledger.claimCooldown(
    `cooldown#${apiKey}`,
    { diagnosisId, claimedAt: now, until, expiresAt: epochSeconds(until) + COOLDOWN_TTL_MARGIN_SECONDS, ...byExecution },
    now,
  );
  if (held.claimed || ours(held)) return incident(true);
  const whenEnds = held.until === undefined ? 'a while' : new Date(held.until).toISOString();
  return incident(false, `cooling down until ${whenEnds} after ${held.heldBy ?? 'an earlier diagnosis'} (${apiKey})`);
}

function epochSeconds(ms: number): number {
  return Math.ceil(ms / 1000);
}
