import type { AnyBlock } from '@slack/types';
import { SlackApiError, SlackTransportError } from './SlackApiError.ts';

/**
 * A small Slack Web API client over fetch: the four calls the notifier needs, nothing else (no @slack/web-api).
 *
 * - Bot token as `Authorization: Bearer`; JSON bodies as `application/json; charset=utf-8` (without the charset Slack
 *   answers with the warning "missing_charset"); files.getUploadURLExternal as a form, the content type its reference
 *   lists first.
 * - `{ok: false, error}` becomes a SlackApiError; HTTP 429 waits the Retry-After seconds (bounded: maxRetries, and at
 *   most maxRetryWaitMs per wait) and tries again, since a rate-limited call was not carried out. Nothing else is
 *   retried: a timed-out chat.postMessage may have posted, and posting twice is worse than failing once.
 * - Every request has a timeout (AbortSignal.timeout). Nothing is logged here, and no error holds the token or a
 *   webhook URL.
 *
 * Upload flow (files.upload is retired): files.getUploadURLExternal {filename, length} -> {upload_url, file_id};
 * POST the bytes to upload_url (no token: it is a pre-signed URL); files.completeUploadExternal {files: [{id,
 * title}], channel_id, thread_ts} shares it. Refs: docs.slack.dev/reference/methods/files.getUploadURLExternal,
 * …/files.completeUploadExternal, …/chat.postMessage, …/chat.update; docs.slack.dev/apis/web-api/rate-limits.
 */
export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

export interface SlackMessage {
  /** The notification and accessibility fallback; Slack requires it or blocks. */
  text: string;
  blocks?: AnyBlock[];
}

export interface PostMessageArgs extends SlackMessage {
  channel: string;
  thread_ts?: string;
  /** Also show a thread reply in the channel. */
  reply_broadcast?: boolean;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
}

export interface UpdateArgs extends SlackMessage {
  channel: string;
  ts: string;
}

export interface UploadFileArgs {
  /** A channel id (C…); files.completeUploadExternal does not take names. */
  channel: string;
  thread_ts?: string;
  filename: string;
  content: string | Uint8Array;
  title?: string;
  initial_comment?: string;
}

/** Where a message landed: the channel id (even when posted by name) and its ts. */
export interface PostedMessage {
  channel: string;
  ts: string;
}

export interface SlackClientOptions {
  /** Bot token (xoxb-…). Needed for the Web API calls, not for webhooks. */
  token?: string;
  /** Default https://slack.com/api/ (tests and the local run point it at the fake server). */
  baseUrl?: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  /** Retries after HTTP 429. Default 3. */
  maxRetries?: number;
  /** A Retry-After longer than this is not waited for: the call fails with "ratelimited". Default 30 s. */
  maxRetryWaitMs?: number;
}

interface SlackAnswer {
  ok?: unknown;
  error?: unknown;
  errors?: unknown;
  response_metadata?: { messages?: unknown; warnings?: unknown };
  [key: string]: unknown;
}

type Body = { kind: 'json'; value: unknown } | { kind: 'form'; value: Record<string, string> } | { kind: 'bytes'; value: Uint8Array };

export class SlackClient {
  private readonly token: string | undefined;
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryWaitMs: number;

  constructor(options: SlackClientOptions = {}) {
    this.token = options.token;
    this.baseUrl = (options.baseUrl ?? DEFAULT_SLACK_API_URL).replace(/\/?$/, '/');
    this.fetchFn = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? 30_000;
  }

  get hasToken(): boolean {
    return this.token !== undefined && this.token !== '';
  }

  async postMessage(args: PostMessageArgs): Promise<PostedMessage> {
    const answer = await this.call('chat.postMessage', { kind: 'json', value: withoutUndefined(args) });
    return postedOf('chat.postMessage', answer);
  }

  /** Replaces the message's text and blocks (pass every block: Slack keeps none of the old ones). */
  async update(args: UpdateArgs): Promise<PostedMessage> {
    const answer = await this.call('chat.update', { kind: 'json', value: withoutUndefined(args) });
    return postedOf('chat.update', answer);
  }

  async uploadFile(args: UploadFileArgs): Promise<{ fileId: string }> {
    const bytes = typeof args.content === 'string' ? new TextEncoder().encode(args.content) : args.content;
    const ticket = await this.call('files.getUploadURLExternal', { kind: 'form', value: { filename: args.filename, length: String(bytes.byteLength) } });
    const uploadUrl = stringField(ticket, 'upload_url');
    const fileId = stringField(ticket, 'file_id');
    if (uploadUrl === undefined || fileId === undefined) throw new SlackTransportError('files.getUploadURLExternal', 'bad-response', 'answer without upload_url or file_id');

    await this.send('upload', uploadUrl, { kind: 'bytes', value: bytes }, false);

    await this.call(
      'files.completeUploadExternal',
      {
        kind: 'json',
        value: withoutUndefined({
          files: [{ id: fileId, title: args.title ?? args.filename }],
          channel_id: args.channel,
          thread_ts: args.thread_ts,
          initial_comment: args.initial_comment,
        }),
      },
    );
    return { fileId };
  }

  /** An incoming webhook: one message to the channel it was made for; no ts comes back, so no thread and no update. */
  async postWebhook(url: string, message: SlackMessage): Promise<void> {
    await this.send('webhook', url, { kind: 'json', value: withoutUndefined(message) }, false);
  }

  /** Checks the token: the team and bot user it belongs to. */
  async authTest(): Promise<{ teamId?: string; userId?: string; botId?: string }> {
    const answer = await this.call('auth.test', { kind: 'form', value: {} });
    return withoutUndefined({ teamId: stringField(answer, 'team_id'), userId: stringField(answer, 'user_id'), botId: stringField(answer, 'bot_id') });
  }

  private async call(method: string, body: Body): Promise<SlackAnswer> {
    if (!this.hasToken) throw new SlackApiError(method, 'not_authed', 0, ['no bot token configured']);
    return this.send(method, `${this.baseUrl}${method}`, body, true);
  }

  /** One request with the 429 policy. Web API answers are parsed as JSON; a webhook's and an upload's as text. */
  private async send(method: string, url: string, body: Body, webApi: boolean): Promise<SlackAnswer> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.request(method, url, body, webApi);
      if (response.status === 429) {
        const waitMs = retryAfterMs(response.headers.get('retry-after'));
        await response.body?.cancel().catch(() => undefined);
        if (attempt >= this.maxRetries || waitMs > this.maxRetryWaitMs) throw new SlackApiError(method, 'ratelimited', 429, [`Retry-After ${Math.round(waitMs / 1000)} s`]);
        await this.sleep(waitMs);
        continue;
      }
      const text = await this.readText(method, response);
      if (!webApi) {
        if (response.ok) return { ok: true, body: text };
        throw new SlackApiError(method, errorCodeOfText(text, response.status), response.status);
      }
      const answer = parseAnswer(text);
      if (answer === undefined) throw new SlackTransportError(method, 'bad-response', `HTTP ${response.status} without a JSON answer`, response.status);
      if (answer.ok !== true) throw new SlackApiError(method, typeof answer.error === 'string' ? answer.error : 'unknown_error', response.status, detailOf(answer));
      return answer;
    }
  }

  private async request(method: string, url: string, body: Body, webApi: boolean): Promise<Response> {
    const headers: Record<string, string> = {};
    if (webApi && this.token !== undefined) headers['authorization'] = `Bearer ${this.token}`;
    let payload: string | Uint8Array;
    if (body.kind === 'json') {
      headers['content-type'] = 'application/json; charset=utf-8';
      payload = JSON.stringify(body.value);
    } else if (body.kind === 'form') {
      headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
      payload = new URLSearchParams(body.value).toString();
    } else {
      headers['content-type'] = 'application/octet-stream';
      payload = body.value;
    }
    try {
      return await this.fetchFn(url, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      // The cause is not passed on: undici's errors can quote the URL, and a webhook URL is a secret.
      throw new SlackTransportError(method, timedOut ? 'timeout' : 'network', timedOut ? `no answer within ${this.timeoutMs} ms` : `request failed (${error instanceof Error ? error.name : 'error'})`);
    }
  }

  private async readText(method: string, response: Response): Promise<string> {
    try {
      return await response.text();
    } catch {
      throw new SlackTransportError(method, 'network', 'the answer could not be read', response.status);
    }
  }
}

function postedOf(method: string, answer: SlackAnswer): PostedMessage {
  const channel = stringField(answer, 'channel');
  const ts = stringField(answer, 'ts');
  if (channel === undefined || ts === undefined) throw new SlackTransportError(method, 'bad-response', 'answer without channel or ts');
  return { channel, ts };
}

function parseAnswer(text: string): SlackAnswer | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as SlackAnswer) : undefined;
  } catch {
    return undefined;
  }
}

function detailOf(answer: SlackAnswer): string[] {
  const out: string[] = [];
  for (const list of [answer.errors, answer.response_metadata?.messages]) {
    if (Array.isArray(list)) for (const item of list) if (typeof item === 'string' && !out.includes(item)) out.push(item);
  }
  if (typeof answer['needed'] === 'string') out.push(`needed: ${answer['needed']}`);
  return out;
}

/** A webhook answers its error as plain text ("invalid_blocks", "no_text"); keep a code-like first word only. */
function errorCodeOfText(text: string, status: number): string {
  const word = text.trim().split(/\s/)[0] ?? '';
  return /^[a-z_]{2,64}$/.test(word) ? word : `http_${status}`;
}

function retryAfterMs(header: string | null): number {
  const seconds = header === null ? NaN : Number(header.trim());
  // Slack sends whole seconds; a missing or odd value waits a second rather than hammering.
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : 1000;
}

function stringField(answer: SlackAnswer, key: string): string | undefined {
  const value = answer[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
