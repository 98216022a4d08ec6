import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import type { NotifyDeps } from '../../shared/notify/notify.ts';
import { S3EvidenceStore } from '../../shared/store/S3EvidenceStore.ts';

/** TOPIC_ARN and EVIDENCE_BUCKET (both required). */
export function notifyDepsFromEnv(env: NodeJS.ProcessEnv = process.env): NotifyDeps {
  const topicArn = env['TOPIC_ARN']?.trim();
  if (!topicArn) throw new Error('TOPIC_ARN is not set: it names the SNS topic diagnoses are published to');
  const bucket = env['EVIDENCE_BUCKET']?.trim();
  if (!bucket) throw new Error('EVIDENCE_BUCKET is not set: it names the S3 bucket that holds diagnosis.json');
  return { store: new S3EvidenceStore(new S3Client({}), bucket), sns: new SNSClient({}), topicArn };
}
