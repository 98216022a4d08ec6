import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ApiResponse } from '../../shared/api/apiResponse.ts';
import { lambdaHandler } from '../lambdaHandler.ts';
import { slackInteractivityDepsFromEnv, type SlackInteractivityDeps } from './deps.ts';
import { slackInteractivity } from './slackInteractivity.ts';

/** POST /slack/interactivity (API Gateway REST proxy integration; authenticated by Slack's request signature). */
export function makeHandler(deps: () => SlackInteractivityDeps | Promise<SlackInteractivityDeps>) {
  return lambdaHandler<APIGatewayProxyEvent, ApiResponse, SlackInteractivityDeps>(slackInteractivity, deps);
}

export const handler = makeHandler(() => slackInteractivityDepsFromEnv());
