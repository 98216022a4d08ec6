import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { stateMachineArnFromEnv } from '../../shared/api/executionArn.ts';
import { chatOpsConfigFromEnv, type ChatOpsConfig } from '../../shared/chatops/chatOpsConfig.ts';
import { DynamoDbMuteList } from '../../shared/chatops/DynamoDbMuteList.ts';
import type { MuteList } from '../../shared/chatops/MuteList.ts';
import { FetchResponsePoster, type ResponsePoster } from '../../shared/chatops/responsePoster.ts';
import { SlackRequestAuthenticator } from '../../shared/chatops/SlackRequestAuthenticator.ts';
import { slackSecretIdFromEnv, slackSecretMaxAgeFromEnv, slackSecretsSource } from '../../shared/chatops/slackSecrets.ts';
import type { DiagnosisStarter } from '../../shared/chatops/startSlackDiagnosis.ts';
import type { EvidenceStore } from '../../shared/store/EvidenceStore.ts';
import { S3EvidenceStore } from '../../shared/store/S3EvidenceStore.ts';
import { logger } from '../lambdaHandler.ts';

/** What POST /slack/interactivity needs. */
export interface SlackInteractivityDeps {
  authenticator: SlackRequestAuthenticator;
  starter: DiagnosisStarter;
  /** Where diagnosis.json is (Show all evidence). */
  store: EvidenceStore;
  mutes: MuteList;
  /** Follow-ups to the interaction's response_url. */
  poster: ResponsePoster;
  config: ChatOpsConfig;
  now: () => number;
}

/** From the environment (SLACK_SECRET_ARN, STATE_MACHINE_ARN, EVIDENCE_BUCKET, INCIDENTS_TABLE, chatOpsConfig.ts). */
export function slackInteractivityDepsFromEnv(env: NodeJS.ProcessEnv = process.env): SlackInteractivityDeps {
  const region = env['AWS_REGION'];
  const clientConfig = { maxAttempts: 2, ...(region ? { region } : {}) };
  const bucket = env['EVIDENCE_BUCKET']?.trim();
  if (!bucket) throw new Error('EVIDENCE_BUCKET must name the bucket the diagnoses are stored in; it is not set');
  const table = env['INCIDENTS_TABLE']?.trim();
  if (!table) throw new Error('INCIDENTS_TABLE must name the incidents table (mutes are kept there); it is not set');
  const config = chatOpsConfigFromEnv(env);
  if (config.problems.length > 0) logger.warn('Chat-ops settings ignored', { problems: config.problems });
  return {
    authenticator: new SlackRequestAuthenticator(slackSecretsSource(slackSecretIdFromEnv(env), slackSecretMaxAgeFromEnv(env))),
    starter: { sfn: new SFNClient(clientConfig), stateMachineArn: stateMachineArnFromEnv(env) },
    store: new S3EvidenceStore(new S3Client(clientConfig), bucket),
    mutes: new DynamoDbMuteList(new DynamoDBClient(clientConfig), table),
    poster: new FetchResponsePoster(),
    config,
    now: () => Date.now(),
  };
}
