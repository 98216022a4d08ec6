import type { KnownBlock } from '@slack/types';
import type { ApiResponse } from '../api/apiResponse.ts';

/**
 * What the Slack endpoints answer API Gateway with. A slash command's HTTP answer is shown to the user: JSON with
 * `response_type: "ephemeral"` (only they see it) and `text` ("Enabling interactivity with Slash commands",
 * Responding to the command). A refused signature gets 401 and nothing else.
 */
export function ephemeralResponse(text: string, blocks?: KnownBlock[]): ApiResponse {
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ response_type: 'ephemeral', text, ...(blocks !== undefined ? { blocks } : {}) }),
  };
}

/** 200 with an empty body: the acknowledgement of an interaction (and of Slack's SSL check). */
export function emptyOkResponse(): ApiResponse {
  return { statusCode: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '' };
}

/** 401 without a reason: whoever sent an unsigned or stale request learns nothing. */
export function unauthorizedResponse(): ApiResponse {
  return { statusCode: 401, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Unauthorized' };
}

/** 500 without a reason (the secret cannot be read: the request cannot even be verified). */
export function internalErrorResponse(): ApiResponse {
  return { statusCode: 500, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Internal error' };
}

/** 400 for a signed request that is not what the endpoint takes (a misrouted Slack feature). */
export function badRequestResponse(): ApiResponse {
  return { statusCode: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Bad request' };
}
