import { randomInt } from 'node:crypto';

/**
 * Ids of manual diagnoses, which are also their Step Functions execution names:
 * `manual-<apiId>-<stage>-<yyyymmddThhmmssZ>-<6 random>`, e.g. `manual-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2`.
 * Execution names may be 80 characters and, for CloudWatch logging, only [A-Za-z0-9-_]: the stage is cut to what
 * fits and "$default" loses its "$". The id is unique by its time and random part, not by the stage text.
 */

export const DIAGNOSIS_ID_MAX_LENGTH = 80;
const RANDOM_LENGTH = 6;
const RANDOM_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Who asked: the manual API ("manual-…") or chat-ops ("slack-…"). */
export type DiagnosisIdPrefix = 'manual' | 'slack';

/** 80 − "<prefix>-" − 10 (api id) − "-" − "-" − 16 (time) − "-" − 6 (random). */
function stagePartMaxLength(prefix: DiagnosisIdPrefix): number {
  return DIAGNOSIS_ID_MAX_LENGTH - (prefix.length + 1) - 10 - 1 - 1 - 16 - 1 - RANDOM_LENGTH;
}

export const STAGE_PART_MAX_LENGTH = stagePartMaxLength('manual');

/** The ids newDiagnosisId makes with a prefix. */
export function diagnosisIdPattern(prefix: DiagnosisIdPrefix): RegExp {
  return new RegExp(`^${prefix}-[a-z0-9]{10}-[A-Za-z0-9_-]{1,${stagePartMaxLength(prefix)}}-\\d{8}T\\d{6}Z-[a-z0-9]{${RANDOM_LENGTH}}$`);
}

const DIAGNOSIS_ID = diagnosisIdPattern('manual');

/** A new diagnosis id for an API (its 10-character id) and stage at a time (epoch ms). */
export function newDiagnosisId(apiId: string, stage: string, now: number, random: () => string = randomPart, prefix: DiagnosisIdPrefix = 'manual'): string {
  const stagePart = stage.replace(/[^A-Za-z0-9_-]/g, '').slice(0, stagePartMaxLength(prefix)) || 'stage';
  const suffix = random().toLowerCase().replace(/[^a-z0-9]/g, '').padEnd(RANDOM_LENGTH, '0').slice(0, RANDOM_LENGTH);
  return `${prefix}-${apiId.toLowerCase()}-${stagePart}-${compactUtc(now)}-${suffix}`;
}

/**
 * Whether a path parameter is a diagnosis id this API made. Anything else is refused before it gets near an ARN:
 * the check is the only thing between user text and the execution ARN.
 */
export function isDiagnosisId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= DIAGNOSIS_ID_MAX_LENGTH && DIAGNOSIS_ID.test(value);
}

/** 20261124T101532Z */
function compactUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function randomPart(): string {
  let out = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) out += RANDOM_ALPHABET[randomInt(RANDOM_ALPHABET.length)];
  return out;
}
