import type { KnownBlock } from '@slack/types';

/**
 * Replies through a request's `response_url`: a URL on hooks.slack.com, valid for 30 minutes and up to 5 posts,
 * taking a JSON message with `response_type` ("ephemeral": only the user sees it), `replace_original`,
 * `text` and `blocks` ("Handling user interaction in your Slack apps", Message responses,
 * https://api.slack.com/interactivity/handling#message_responses). A port, so the handlers are tested with a fake.
 */
export interface ResponseUrlMessage {
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  delete_original?: boolean;
  /** The notification and fallback text; also the whole message when there are no blocks. */
  text: string;
  blocks?: KnownBlock[];
  thread_ts?: string;
}

export type PostOutcome = { ok: true } | { ok: false; status?: number; error: string };

export interface ResponsePoster {
  /** Never throws: a failed post is an outcome to log. */
  post(responseUrl: string, message: ResponseUrlMessage): Promise<PostOutcome>;
}

/** Slack's response URLs (commercial and GovSlack); anything else is refused rather than fetched. */
const RESPONSE_URL = /^https:\/\/hooks\.slack(?:-gov)?\.com\/(?:commands|actions|app)\/\S+$/;

export function isSlackResponseUrl(url: string | undefined): url is string {
  return url !== undefined && RESPONSE_URL.test(url);
}

/** Enough for Slack's endpoint, short enough to leave room in a 3-second acknowledgement. */
export const DEFAULT_POST_TIMEOUT_MS = 2000;

export class FetchResponsePoster implements ResponsePoster {
  constructor(
    private readonly fetchFn: typeof fetch = fetch,
    private readonly timeoutMs = DEFAULT_POST_TIMEOUT_MS,
    /** Tests point this at a local server; production keeps Slack's hosts only. */
    private readonly allowUrl: (url: string) => boolean = isSlackResponseUrl,
  ) {}

  async post(responseUrl: string, message: ResponseUrlMessage): Promise<PostOutcome> {
    if (!this.allowUrl(responseUrl)) return { ok: false, error: 'not a Slack response_url' };
    try {
      const response = await this.fetchFn(responseUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (response.ok) return { ok: true };
      const text = (await response.text().catch(() => '')).slice(0, 200);
      return { ok: false, status: response.status, error: text || response.statusText || `HTTP ${response.status}` };
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      return { ok: false, error: name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : `${name}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}
