/**
 * The buttons of the incident message and what each carries back (the interactivity handler reads the same ids and
 * values; /work/helper-notes/slack.md). Values are JSON and stay under Slack's 2,000 characters: API ids are 10
 * characters and stage names at most 128, so the caps below only bite on garbage.
 */

export const ACTION_IDS = {
  rerun: 'rerun',
  widen: 'widen',
  showEvidence: 'show_evidence',
  mute: 'mute',
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];

/** rerun and widen: the same API and stage over the window (epoch ms); widen makes it ×4 around the same end. */
export interface WindowActionValue {
  apiId: string;
  stage: string;
  from?: number;
  to?: number;
}

export interface ShowEvidenceValue {
  diagnosisId: string;
}

export interface MuteValue {
  apiId: string;
  stage: string;
}

const FIELD_CAP = 255;

function cap(value: string): string {
  return value.length <= FIELD_CAP ? value : value.slice(0, FIELD_CAP);
}

export function windowActionValue(apiId: string, stage: string, from: number | undefined, to: number | undefined): string {
  const value: WindowActionValue = { apiId: cap(apiId), stage: cap(stage) };
  if (from !== undefined && to !== undefined && Number.isFinite(from) && Number.isFinite(to) && from <= to) {
    value.from = from;
    value.to = to;
  }
  return JSON.stringify(value);
}

export function showEvidenceValue(diagnosisId: string): string {
  return JSON.stringify({ diagnosisId: cap(diagnosisId) } satisfies ShowEvidenceValue);
}

export function muteValue(apiId: string, stage: string): string {
  return JSON.stringify({ apiId: cap(apiId), stage: cap(stage) } satisfies MuteValue);
}
