/**
 * Slack said no: a Web API answer `{ok: false, error}` (HTTP 200 for most errors, 429 "ratelimited"), or an incoming
 * webhook's non-200 with its error as the body ("invalid_blocks", "no_text", "channel_not_found"…). `detail` holds
 * what Slack gave besides the code (`errors`, `response_metadata.messages`, e.g. "[ERROR] must be less than 151
 * characters [json-pointer:/blocks/0/text/text]"). The message never holds the token or the webhook URL.
 */
export class SlackApiError extends Error {
  override readonly name = 'SlackApiError';

  constructor(
    /** "chat.postMessage", "files.completeUploadExternal", "webhook", "upload". */
    readonly method: string,
    /** Slack's error code. */
    readonly error: string,
    readonly httpStatus: number,
    readonly detail: readonly string[] = [],
  ) {
    super(`Slack ${method} failed: ${error}${detail.length > 0 ? ` (${detail.slice(0, 3).join('; ')})` : ''}`);
  }
}

/** Slack could not be reached or did not answer in time, or answered with something that is not Slack's JSON. */
export class SlackTransportError extends Error {
  override readonly name = 'SlackTransportError';

  constructor(
    readonly method: string,
    readonly reason: 'timeout' | 'network' | 'bad-response',
    what: string,
    readonly httpStatus?: number,
  ) {
    super(`Slack ${method}: ${what}`);
  }
}

/** Errors that say the root message or its thread is gone, so that a new root is posted instead. */
export const GONE_MESSAGE_ERRORS: ReadonlySet<string> = new Set(['message_not_found', 'thread_not_found', 'cant_update_message', 'edit_window_closed']);

/** For logs and outcomes: Slack's errors carry no secret; anything else is named, not quoted (it might hold a URL). */
export function describeSlackError(error: unknown): string {
  if (error instanceof SlackApiError || error instanceof SlackTransportError) return error.message;
  return error instanceof Error ? error.name : 'unknown error';
}
