import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ApiResponse } from '../../shared/api/apiResponse.ts';
import { lambdaHandler } from '../lambdaHandler.ts';
import { slackCommandDepsFromEnv, type SlackCommandDeps } from './deps.ts';
import { slackCommand } from './slackCommand.ts';

/** POST /slack/commands (API Gateway REST proxy integration; authenticated by Slack's request signature). */
export function makeHandler(deps: () => SlackCommandDeps | Promise<SlackCommandDeps>) {
  return lambdaHandler<APIGatewayProxyEvent, ApiResponse, SlackCommandDeps>(slackCommand, deps);
}

export const handler = makeHandler(() => slackCommandDepsFromEnv());
