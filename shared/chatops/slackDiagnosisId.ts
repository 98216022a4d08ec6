import { randomInt } from 'node:crypto';

/**
 * Ids of diagnoses started from Slack, which are also their Step Functions execution names:
 * `slack-<apiId>-<stage>-<yyyymmddThhmmssZ>-<6 random>`, e.g. `slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2`.
 * Execution names are at most 80 characters and, for CloudWatch logging, only [A-Za-z0-9-_] (Step Functions
 * StartExecution, "name"): the stage is cut to what fits and "$default" loses its "$".
 */
export const SLACK_DIAGNOSIS_ID_MAX_LENGTH = 80;
const PREFIX = 'slack';
const RANDOM_LENGTH = 6;
const RANDOM_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** 80 − "slack-" − 10 (api id) − "-" − "-" − 16 (time) − "-" − 6 (random). */
const STAGE_PART_MAX_LENGTH = SLACK_DIAGNOSIS_ID_MAX_LENGTH - (PREFIX.length + 1) - 10 - 1 - 1 - 16 - 1 - RANDOM_LENGTH;

export const SLACK_DIAGNOSIS_ID = new RegExp(`^${PREFIX}-[a-z0-9]{10}-[A-Za-z0-9_-]{1,${STAGE_PART_MAX_LENGTH}}-\\d{8}T\\d{6}Z-[a-z0-9]{${RANDOM_LENGTH}}$`);

export function newSlackDiagnosisId(apiId: string, stage: string, now: number, random: () => string = randomPart): string {
  const stagePart = stage.replace(/[^A-Za-z0-9_-]/g, '').slice(0, STAGE_PART_MAX_LENGTH) || 'stage';
  const suffix = random().toLowerCase().replace(/[^a-z0-9]/g, '').padEnd(RANDOM_LENGTH, '0').slice(0, RANDOM_LENGTH);
  const time = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `${PREFIX}-${apiId.toLowerCase()}-${stagePart}-${time}-${suffix}`;
}

function randomPart(): string {
  let out = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) out += RANDOM_ALPHABET[randomInt(RANDOM_ALPHABET.length)];
  return out;
}
