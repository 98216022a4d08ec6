import type { SlackMessage } from './SlackClient.ts';

/**
 * Where an incident's Slack message lives, so that later messages about the same API and stage go into its thread
 * and the root can be updated (and marked resolved). One record per incident key. Implementations: DynamoDB on the
 * incidents table (deployed), memory (local run, tests).
 */
export interface IncidentThread {
  /** The channel id Slack answered (chat.update takes ids only). */
  channel: string;
  /** The root message's ts. */
  ts: string;
  /** The diagnosis the root now shows. */
  diagnosisId: string;
  /** ISO time the root was posted. */
  postedAt: string;
  /** ISO time the alarm went into ALARM (the incident's start), when known. */
  alarmSince?: string;
  /** ISO time of the last repeat that updated the root. */
  updatedAt?: string;
  /** ISO time the alarm returned to OK and the root was marked resolved. */
  resolvedAt?: string;
  /** What the root shows, so that "resolved" can be added without re-rendering the diagnosis. */
  rootMessage?: SlackMessage;
}

export interface IncidentThreads {
  get(key: string): Promise<IncidentThread | undefined>;
  put(key: string, thread: IncidentThread): Promise<void>;
}

/** "thread#<apiId>/<stage>". */
export function incidentThreadKey(apiId: string, stage: string): string {
  return `thread#${apiId}/${stage}`;
}
