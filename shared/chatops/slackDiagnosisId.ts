import { DIAGNOSIS_ID_MAX_LENGTH, diagnosisIdPattern, newDiagnosisId } from '../api/diagnosisId.ts';

/**
 * Ids of diagnoses started from Slack, which are also their Step Functions execution names:
 * `slack-<apiId>-<stage>-<yyyymmddThhmmssZ>-<6 random>`, e.g. `slack-a1b2c3d4e5-prod-20261124T101532Z-k3v9x2`:
 * the manual API's ids (shared/api/diagnosisId.ts) with another prefix.
 */
export const SLACK_DIAGNOSIS_ID_MAX_LENGTH = DIAGNOSIS_ID_MAX_LENGTH;

export const SLACK_DIAGNOSIS_ID = diagnosisIdPattern('slack');

export function newSlackDiagnosisId(apiId: string, stage: string, now: number, random?: () => string): string {
  return newDiagnosisId(apiId, stage, now, random, 'slack');
}
