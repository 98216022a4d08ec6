import type { SNSClient } from '@aws-sdk/client-sns';
import type { Diagnosis } from '../model/diagnosis.ts';
import type { DiagnosisSummary, Incident, NotifyResult } from '../workflow/stepPayloads.ts';
import type { EvidenceStore } from '../store/EvidenceStore.ts';
import { asDiagnosis, diagnosisFromSummary } from './diagnosisDocument.ts';
import { publishDiagnosis } from './publishDiagnosis.ts';
import { snsMessageOf } from './snsMessage.ts';

export interface NotifyInput {
  incident: Incident;
  diagnosis: DiagnosisSummary;
}

export interface NotifyDeps {
  store: EvidenceStore;
  sns: SNSClient;
  topicArn: string;
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
  const message = snsMessageOf(diagnosis, summary, { fullDiagnosisAt: where });
  const messageId = await publishDiagnosis(deps.sns, deps.topicArn, message);
  return messageId === undefined ? {} : { snsMessageId: messageId };
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
