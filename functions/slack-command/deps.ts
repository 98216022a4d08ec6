import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { stateMachineArnFromEnv } from '../../shared/api/executionArn.ts';
import { parseWatchedApis, type WatchedApi } from '../../shared/api/watchedApis.ts';
import { chatOpsConfigFromEnv, type ChatOpsConfig } from '../../shared/chatops/chatOpsConfig.ts';
import { resolveApiFromAccount, type ResolveApi } from '../../shared/chatops/resolveApi.ts';
import { SlackRequestAuthenticator } from '../../shared/chatops/SlackRequestAuthenticator.ts';
import { slackSecretIdFromEnv, slackSecretMaxAgeFromEnv, slackSecretsSource } from '../../shared/chatops/slackSecrets.ts';
import type { DiagnosisStarter } from '../../shared/chatops/startSlackDiagnosis.ts';
import { logger } from '../lambdaHandler.ts';

/** What POST /slack/commands needs. */
export interface SlackCommandDeps {
  authenticator: SlackRequestAuthenticator;
  starter: DiagnosisStarter;
  resolveApi: ResolveApi;
  config: ChatOpsConfig;
  /** The APIs and stages this deployment watches (WATCHED_APIS); undefined: any. */
  watchedApis?: readonly WatchedApi[];
  now: () => number;
}

/**
 * From the environment (SLACK_SECRET_ARN, STATE_MACHINE_ARN, WATCHED_APIS, the settings of chatOpsConfig.ts); clients once per
 * cold start, with two attempts at most: Slack waits 3 seconds, not for a third retry.
 */
export function slackCommandDepsFromEnv(env: NodeJS.ProcessEnv = process.env): SlackCommandDeps {
  const region = env['AWS_REGION'];
  const clientConfig = { maxAttempts: 2, ...(region ? { region } : {}) };
  const config = chatOpsConfigFromEnv(env);
  const watched = parseWatchedApis(env['WATCHED_APIS']);
  if (config.problems.length > 0) logger.warn('Chat-ops settings ignored', { problems: config.problems });
  return {
    authenticator: new SlackRequestAuthenticator(slackSecretsSource(slackSecretIdFromEnv(env), slackSecretMaxAgeFromEnv(env))),
    starter: { sfn: new SFNClient(clientConfig), stateMachineArn: stateMachineArnFromEnv(env) },
    resolveApi: resolveApiFromAccount({ apiGateway: new APIGatewayClient(clientConfig), apiGatewayV2: new ApiGatewayV2Client(clientConfig) }, region ? { region } : {}),
    config,
    ...(watched !== undefined ? { watchedApis: watched } : {}),
    now: () => Date.now(),
  };
}
