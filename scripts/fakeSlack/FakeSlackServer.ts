import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { validateMessage } from './validateMessage.ts';

/**
 * A local stand-in for Slack's Web API and an incoming webhook, on 127.0.0.1 (port 0 unless told), for tests and the
 * local workflow run. It answers like Slack where it matters to this project and keeps everything it was sent:
 *
 * - POST /api/chat.postMessage, /api/chat.update, /api/files.getUploadURLExternal, /api/files.completeUploadExternal,
 *   /api/auth.test: `Authorization: Bearer <token>` (or a `token` form field) checked ("not_authed", "invalid_auth");
 *   JSON or form bodies (a form's `blocks`/`files` are JSON strings, as Slack takes them); answers `{ok: true, …}` with
 *   channel ids like "C0123ABCD", ts like "1714000000.123456" and file ids like "F07ABCDE123"; a JSON body without
 *   "charset" gets Slack's "missing_charset" warning.
 * - Messages checked like Slack (validateMessage.ts): `{ok: false, error: "invalid_blocks", errors: [...],
 *   response_metadata: {messages: ["[ERROR] …"]}}`, "no_text", "msg_too_long", "msg_blocks_too_long".
 * - chat.update takes a channel id only and an existing ts ("channel_not_found", "message_not_found"), like Slack.
 * - POST /upload/v1/<ticket>: the pre-signed upload URL (no token), raw bytes or multipart; 200 "OK - <bytes>".
 * - POST /services/T…/B…/<secret>: the incoming webhook; "ok", or a 400 with the error as text ("invalid_payload",
 *   "no_text", "invalid_blocks"), 404 "no_service" for another path.
 * - failNext(method, …) makes the next call answer an error or HTTP 429 with Retry-After, to test the client.
 *
 * Not modelled: scopes, channel membership, threads' own limits, message edit windows, file processing delays.
 */
export const FAKE_SLACK_TOKEN = 'xoxb-0000000000-0000000000000-fakeslacktoken00000000';

export interface FakeSlackOptions {
  token?: string;
  port?: number;
  /** Epoch ms for message ts. Default Date.now. */
  now?: () => number;
  /** Channel names (without #) that exist, and their ids; unknown names get a stable made-up id. */
  channels?: Record<string, string>;
}

export interface CapturedCall {
  /** "chat.postMessage", …, "upload", "webhook". */
  method: string;
  /** The request as Slack would read it (JSON, or a form with its JSON fields parsed). */
  body: Record<string, unknown>;
  /** The answer's HTTP status and Slack error, if any. */
  status: number;
  error?: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  /** How many times chat.update replaced it. */
  edits: number;
}

export interface StoredFile {
  id: string;
  filename: string;
  length: number;
  content?: string;
  title?: string;
  channel?: string;
  thread_ts?: string;
}

type Failure = { error: string; status?: number } | { status: 429; retryAfterSeconds: number };

const WEBHOOK_PATH = /^\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+$/;

export class FakeSlackServer {
  readonly token: string;
  private readonly server: Server;
  private readonly now: () => number;
  private readonly channelIds: Map<string, string>;
  private readonly calls: CapturedCall[] = [];
  private readonly stored: StoredMessage[] = [];
  private readonly files = new Map<string, StoredFile>();
  private readonly tickets = new Map<string, string>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly webhookPath = `/services/T0FAKE0001/B0FAKE0001/${randomBytes(12).toString('hex')}`;
  private lastTs = 0;
  private origin = '';

  private constructor(options: FakeSlackOptions) {
    this.token = options.token ?? FAKE_SLACK_TOKEN;
    this.now = options.now ?? Date.now;
    this.channelIds = new Map(Object.entries(options.channels ?? {}));
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('rollup_error');
      });
    });
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlackServer> {
    const fake = new FakeSlackServer(options);
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = fake.server.address() as AddressInfo;
    fake.origin = `http://127.0.0.1:${port}`;
    return fake;
  }

  /** The Web API base URL (SlackClient's baseUrl). */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  get webhookUrl(): string {
    return `${this.origin}${this.webhookPath}`;
  }

  captured(): CapturedCall[] {
    return this.calls.map((c) => ({ ...c }));
  }

  /** Messages as they now stand in the channels (updates applied), in posting order. */
  messages(): StoredMessage[] {
    return this.stored.map((m) => ({ ...m }));
  }

  uploadedFiles(): StoredFile[] {
    return [...this.files.values()].map((f) => ({ ...f }));
  }

  /** The id a channel name maps to ("alerts" and "#alerts" alike). */
  channelId(nameOrId: string): string {
    if (/^[CGD][A-Z0-9]{8,}$/.test(nameOrId)) return nameOrId;
    const name = nameOrId.replace(/^#/, '');
    let id = this.channelIds.get(name);
    if (id === undefined) {
      id = `C0${createHash('sha256').update(name).digest('hex').slice(0, 7).toUpperCase()}`;
      this.channelIds.set(name, id);
    }
    return id;
  }

  /** The next call to `method` ("webhook" and "upload" included) fails this way; queue several by calling again. */
  failNext(method: string, failure: Failure): void {
    const queue = this.failures.get(method) ?? [];
    queue.push(failure);
    this.failures.set(method, queue);
  }

  reset(): void {
    this.calls.length = 0;
    this.stored.length = 0;
    this.files.clear();
    this.tickets.clear();
    this.failures.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.origin).pathname;
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';

    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'method_not_allowed');
    if (path.startsWith('/upload/v1/')) return this.upload(path.slice('/upload/v1/'.length), raw, contentType, res);
    if (WEBHOOK_PATH.test(path)) return this.webhook(path, raw, contentType, res);
    if (!path.startsWith('/api/')) return send(res, 404, 'text/plain', 'no_service');

    const method = path.slice('/api/'.length);
    const body = parseBody(raw, contentType);
    const answer = (status: number, value: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const error = value['ok'] === false && typeof value['error'] === 'string' ? value['error'] : undefined;
      this.calls.push({ method, body: body ?? {}, status, ...(error === undefined ? {} : { error }) });
      const warned = value['ok'] === true && contentType.startsWith('application/json') && !/charset=/i.test(contentType);
      const out = warned ? { ...value, warning: 'missing_charset', response_metadata: { warnings: ['missing_charset'] } } : value;
      send(res, status, 'application/json; charset=utf-8', JSON.stringify(out), headers);
    };

    const failure = this.failures.get(method)?.shift();
    if (failure !== undefined) {
      if ('retryAfterSeconds' in failure) return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfterSeconds) });
      return answer(failure.status ?? 200, { ok: false, error: failure.error });
    }
    if (body === undefined) return answer(200, { ok: false, error: 'invalid_json' });

    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? (typeof body['token'] === 'string' ? body['token'] : undefined);
    if (bearer === undefined) return answer(200, { ok: false, error: 'not_authed' });
    if (bearer !== this.token) return answer(200, { ok: false, error: 'invalid_auth' });

    switch (method) {
      case 'auth.test':
        return answer(200, { ok: true, url: 'https://fake-workspace.slack.com/', team: 'Fake Workspace', user: 'apigw-doctor', team_id: 'T0FAKE0001', user_id: 'U0FAKEBOT1', bot_id: 'B0FAKEBOT1', is_enterprise_install: false });
      case 'chat.postMessage':
        return answer(200, this.postMessage(body));
      case 'chat.update':
        return answer(200, this.update(body));
      case 'files.getUploadURLExternal':
        return answer(200, this.uploadTicket(body));
      case 'files.completeUploadExternal':
        return answer(200, this.completeUpload(body));
      default:
        return answer(404, { ok: false, error: 'unknown_method', req_method: method });
    }
  }

  private postMessage(body: Record<string, unknown>): Record<string, unknown> {
    const channel = typeof body['channel'] === 'string' && body['channel'] !== '' ? body['channel'] : undefined;
    if (channel === undefined) return { ok: false, error: 'channel_not_found' };
    const problem = validateMessage(body);
    if (problem !== undefined) return slackProblem(problem);
    const message: StoredMessage = {
      channel: this.channelId(channel),
      ts: this.nextTs(),
      ...(typeof body['thread_ts'] === 'string' ? { thread_ts: body['thread_ts'] } : {}),
      ...(typeof body['text'] === 'string' ? { text: body['text'] } : {}),
      ...(Array.isArray(body['blocks']) ? { blocks: body['blocks'] } : {}),
      edits: 0,
    };
    this.stored.push(message);
    return {
      ok: true,
      channel: message.channel,
      ts: message.ts,
      message: { user: 'U0FAKEBOT1', type: 'message', ts: message.ts, bot_id: 'B0FAKEBOT1', app_id: 'A0FAKEAPP1', text: message.text ?? '', team: 'T0FAKE0001', ...(message.blocks ? { blocks: message.blocks } : {}), ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}) },
    };
  }

  private update(body: Record<string, unknown>): Record<string, unknown> {
    const channel = body['channel'];
    if (typeof channel !== 'string' || !/^[CGD][A-Z0-9]{8,}$/.test(channel)) return { ok: false, error: 'channel_not_found' };
    const message = this.stored.find((m) => m.channel === channel && m.ts === body['ts']);
    if (message === undefined) return { ok: false, error: 'message_not_found' };
    const problem = validateMessage(body);
    if (problem !== undefined) return slackProblem(problem);
    if (typeof body['text'] === 'string') message.text = body['text'];
    if (Array.isArray(body['blocks'])) message.blocks = body['blocks'];
    message.edits += 1;
    return { ok: true, channel, ts: message.ts, text: message.text ?? '', message: { text: message.text ?? '', user: 'U0FAKEBOT1', ...(message.blocks ? { blocks: message.blocks } : {}) } };
  }

  private uploadTicket(body: Record<string, unknown>): Record<string, unknown> {
    const filename = body['filename'];
    const length = Number(body['length']);
    if (typeof filename !== 'string' || filename === '') return { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] missing required field: filename'] } };
    if (!Number.isInteger(length) || length <= 0) return { ok: false, error: 'missing_argument' };
    const id = `F0${randomBytes(5).toString('hex').toUpperCase().slice(0, 9)}`;
    const ticket = randomBytes(24).toString('base64url');
    this.files.set(id, { id, filename, length });
    this.tickets.set(ticket, id);
    return { ok: true, upload_url: `${this.origin}/upload/v1/${ticket}`, file_id: id };
  }

  private completeUpload(body: Record<string, unknown>): Record<string, unknown> {
    const list = body['files'];
    if (!Array.isArray(list) || list.length === 0) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] missing required field: files'] } };
    const out: Record<string, unknown>[] = [];
    for (const item of list) {
      const id = isObject(item) ? item['id'] : undefined;
      const file = typeof id === 'string' ? this.files.get(id) : undefined;
      if (file === undefined || file.content === undefined) return { ok: false, error: 'file_not_found' };
      if (isObject(item) && typeof item['title'] === 'string') file.title = item['title'];
      if (typeof body['channel_id'] === 'string') file.channel = this.channelId(body['channel_id']);
      if (typeof body['thread_ts'] === 'string') file.thread_ts = body['thread_ts'];
      out.push({ id: file.id, title: file.title ?? file.filename, name: file.filename, size: file.length });
    }
    return { ok: true, files: out };
  }

  private upload(ticket: string, raw: Buffer, contentType: string, res: ServerResponse): void {
    const failure = this.failures.get('upload')?.shift();
    const id = this.tickets.get(ticket);
    const file = id === undefined ? undefined : this.files.get(id);
    const bytes = contentType.startsWith('multipart/form-data') ? multipartFile(raw, contentType) ?? raw : raw;
    const record = (status: number, error?: string) =>
      this.calls.push({ method: 'upload', body: { file_id: id ?? null, bytes: bytes.length, content: bytes.toString('utf8') }, status, ...(error === undefined ? {} : { error }) });
    if (failure !== undefined) {
      const status = failure.status ?? 500;
      record(status, 'error' in failure ? failure.error : 'ratelimited');
      return send(res, status, 'text/plain', 'error' in failure ? failure.error : 'ratelimited', 'retryAfterSeconds' in failure ? { 'retry-after': String(failure.retryAfterSeconds) } : {});
    }
    if (file === undefined) {
      record(404, 'file_not_found');
      return send(res, 404, 'text/plain', 'file_not_found');
    }
    file.content = bytes.toString('utf8');
    file.length = bytes.length;
    this.tickets.delete(ticket);
    record(200);
    send(res, 200, 'text/plain; charset=utf-8', `OK - ${bytes.length}`);
  }

  private webhook(path: string, raw: Buffer, contentType: string, res: ServerResponse): void {
    const body = parseBody(raw, contentType.startsWith('application/x-www-form-urlencoded') ? contentType : 'application/json');
    // Slack's older form: payload=<json> in a form body.
    const payload = body !== undefined && typeof body['payload'] === 'string' ? parseBody(Buffer.from(body['payload']), 'application/json') : body;
    const reply = (status: number, text: string) => {
      this.calls.push({ method: 'webhook', body: payload ?? {}, status, ...(status === 200 ? {} : { error: text }) });
      send(res, status, 'text/html', text);
    };
    const failure = this.failures.get('webhook')?.shift();
    if (failure !== undefined) {
      if ('retryAfterSeconds' in failure) {
        this.calls.push({ method: 'webhook', body: payload ?? {}, status: 429, error: 'rate_limited' });
        return send(res, 429, 'text/html', 'rate_limited', { 'retry-after': String(failure.retryAfterSeconds) });
      }
      return reply(failure.status ?? 400, failure.error);
    }
    if (path !== this.webhookPath) return reply(404, 'no_service');
    if (payload === undefined) return reply(400, 'invalid_payload');
    const problem = validateMessage(payload);
    if (problem !== undefined) return reply(400, problem.error === 'invalid_blocks_format' ? 'invalid_blocks' : problem.error);
    this.stored.push({ channel: this.channelId('webhook-channel'), ts: this.nextTs(), ...(typeof payload['text'] === 'string' ? { text: payload['text'] } : {}), ...(Array.isArray(payload['blocks']) ? { blocks: payload['blocks'] } : {}), edits: 0 });
    reply(200, 'ok');
  }

  /** "1714000000.123456": seconds and microseconds, strictly increasing like Slack's. */
  private nextTs(): string {
    const micros = Math.max(Math.floor(this.now() * 1000), this.lastTs + 1);
    this.lastTs = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }
}

function slackProblem(problem: { error: string; errors: string[] }): Record<string, unknown> {
  return {
    ok: false,
    error: problem.error,
    ...(problem.errors.length > 0 ? { errors: problem.errors, response_metadata: { messages: problem.errors.map((e) => `[ERROR] ${e}`) } } : {}),
  };
}

function parseBody(raw: Buffer, contentType: string): Record<string, unknown> | undefined {
  const text = raw.toString('utf8');
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(text)) {
      out[key] = (key === 'blocks' || key === 'files' || key === 'attachments') && value.trim().startsWith('[') ? safeJson(value) ?? value : value;
    }
    return out;
  }
  if (text.trim() === '') return {};
  const value = safeJson(text);
  return isObject(value) ? value : undefined;
}

/** The first file part of a multipart body (the upload URL takes either raw bytes or a form). */
function multipartFile(raw: Buffer, contentType: string): Buffer | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const mark = boundary?.[1] ?? boundary?.[2];
  if (mark === undefined) return undefined;
  const text = raw.toString('latin1');
  for (const part of text.split(`--${mark}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0 || !/filename=/i.test(part.slice(0, split))) continue;
    return Buffer.from(part.slice(split + 4).replace(/\r\n$/, ''), 'latin1');
  }
  return undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, ...headers });
  res.end(body);
}
