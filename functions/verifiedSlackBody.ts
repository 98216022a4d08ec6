import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ApiResponse } from '../shared/api/apiResponse.ts';
import type { SlackRequestAuthenticator } from '../shared/chatops/SlackRequestAuthenticator.ts';
import { internalErrorResponse, unauthorizedResponse } from '../shared/chatops/slackHttpResponses.ts';
import { logger } from './lambdaHandler.ts';

/**
 * The body of a request Slack signed, or the answer to give instead: 401 (no detail) for a bad or missing signature,
 * 500 when the signing secret cannot be read. Every Slack endpoint starts here, before reading anything else.
 */
export async function verifiedSlackBody(event: APIGatewayProxyEvent, authenticator: SlackRequestAuthenticator, now: number): Promise<{ body: string } | { response: ApiResponse }> {
  const auth = await authenticator.authenticate(event, now);
  if (auth.ok) return { body: auth.body };
  if (auth.reason === 'secret-unavailable') {
    logger.error('The Slack signing secret cannot be read; the request cannot be verified', { detail: auth.detail });
    return { response: internalErrorResponse() };
  }
  logger.warn('Slack request refused', { reason: auth.reason, detail: auth.detail, sourceIp: event.requestContext?.identity?.sourceIp });
  return { response: unauthorizedResponse() };
}
