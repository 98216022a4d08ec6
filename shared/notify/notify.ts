import type { SNSClient } from '@aws-sdk/client-sns';
import type { Diagnosis } from '../model/diagnosis.ts';
import type { DiagnosisSummary, Incident, NotifyResult } from '../workflow/stepPayloads.ts';
import type { EvidenceStore } from '../store/EvidenceStore.ts';
import { asDiagnosis, diagnosisFromSummary } from './diagnosisDocument.ts';
import { publishDiagnosis } from './publishDiagnosis.ts';
import { snsMessageOf } from './snsMessage.ts';
import { amazonQNotificationOf } from '../amazonq/amazonQNotification.ts';
import type { ChartInputs } from '../slack/message/chartInputs.ts';
import { CHART_FILE, evidenceKey } from '../workflow/evidenceKeys.ts';
import { notifySlack, type SlackNotifyDeps } from './notifySlack.ts';

export interface NotifyInput {
  incident: Incident;
  diagnosis: DiagnosisSummary;
}

export interface NotifyDeps {
  store: EvidenceStore;
  sns: SNSClient;
  topicArn: string;
  /** The SNS `https` entry: an Amazon Q custom notification (default) or the diagnosis JSON. */
  snsHttpsFormat?: 'amazon-q' | 'diagnosis';
  /** Slack, when configured (built lazily: the secret is read once per cold start). */
  slack?: () => Promise<SlackNotifyDeps>;
}

/**
 * The Notify step: reads diagnosis.json by the summary's ref and publishes it to the topic. When the document cannot
 * be read (gone, not JSON, not a diagnosis, no permission), the message is built from the summary and says so: a
 * diagnosis that reached this step is never lost for want of its file. A failed publish fails the step.
 */
export async function notify(input: NotifyInput, deps: NotifyDeps): Promise<NotifyResult> {
  const summary = input.diagnosis;
  const where = deps.store.locationOf?.(summary.ref) ?? summary.ref;
  const diagnosis = await readDiagnosis(deps.store, input);
  const amazonQ = (deps.snsHttpsFormat ?? 'amazon-q') === 'amazon-q';
  const message = snsMessageOf(diagnosis, summary, {
    fullDiagnosisAt: where,
    ...(amazonQ ? { httpsMessage: amazonQNotificationOf(diagnosis, { diagnosisId: summary.diagnosisId, ...incidentStartOf(input.incident) }) } : {}),
  });
  const messageId = await publishDiagnosis(deps.sns, deps.topicArn, message);
  const result: NotifyResult = messageId === undefined ? {} : { snsMessageId: messageId };
  if (!deps.slack) return result;
  // Slack after SNS, and never failing the step: a retry would publish to SNS again.
  try {
    const chart = await deps.store.getJson(evidenceKey(summary.diagnosisId, CHART_FILE)).then(
      (doc) => doc as ChartInputs,
      () => undefined,
    );
    const outcome = await notifySlack(diagnosis, input.incident, chart, await deps.slack(), { evidenceLocation: where });
    result.slack = outcome.problems.length > 0 ? { posted: outcome.posted, problems: outcome.problems } : { posted: outcome.posted };
  } catch (error) {
    result.slack = { posted: 'failed', problems: [error instanceof Error ? `${error.name}: ${error.message}` : String(error)] };
  }
  return result;
}

/** An alarm's incident starts at its transition: Amazon Q threads one incident's notifications together. */
function incidentStartOf(incident: Incident): { incidentStart?: string } {
  return incident.target.kind === 'alarm-event' ? { incidentStart: new Date(incident.requestedAt).toISOString() } : {};
}

async function readDiagnosis(store: EvidenceStore, input: NotifyInput): Promise<Diagnosis> {
  const summary = input.diagnosis;
  let doc: unknown;
  try {
    doc = await store.getJson(summary.ref);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return diagnosisFromSummary(summary, input.incident, reason);
  }
  return asDiagnosis(doc) ?? diagnosisFromSummary(summary, input.incident, `${summary.ref} is not a diagnosis`);
}
