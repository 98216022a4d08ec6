import { describe, it, expect, afterEach } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FetchResponsePoster, isSlackResponseUrl } from './responsePoster.ts';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A local stand-in for hooks.slack.com that records what it was sent. */
async function listen(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ url: string; seen: { headers: IncomingMessage['headers']; body: string }[] }> {
  const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/actions/T0001/5678/abcDEF`, seen };
}

describe('isSlackResponseUrl', () => {
  it("accepts Slack's response URLs and nothing else", () => {
    expect(isSlackResponseUrl('https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN')).toBe(true);
    expect(isSlackResponseUrl('https://hooks.slack.com/actions/T47563693/6204672533/x7ZLaiVMoECAW50Gw1ZYAXEM')).toBe(true);
    expect(isSlackResponseUrl('https://hooks.slack-gov.com/actions/T1/2/3')).toBe(true);
    expect(isSlackResponseUrl('https://hooks.slack.com.evil.example/actions/T1/2/3')).toBe(false);
    expect(isSlackResponseUrl('http://hooks.slack.com/actions/T1/2/3')).toBe(false);
    expect(isSlackResponseUrl('http://169.254.169.254/latest/meta-data/')).toBe(false);
    expect(isSlackResponseUrl(undefined)).toBe(false);
  });
});

describe('FetchResponsePoster', () => {
  it('posts the message as JSON and reports success', async () => {
    const stub = await listen((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('ok'));
    const poster = new FetchResponsePoster(fetch, 2000, () => true);
    const outcome = await poster.post(stub.url, { response_type: 'ephemeral', replace_original: false, text: 'Muted until 15:04 UTC by <@U2147483697>' });
    expect(outcome).toEqual({ ok: true });
    expect(stub.seen[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(stub.seen[0]?.body ?? '')).toEqual({ response_type: 'ephemeral', replace_original: false, text: 'Muted until 15:04 UTC by <@U2147483697>' });
  });

  it("reports Slack's refusal (an expired or used response_url) with its status and text", async () => {
    const stub = await listen((_req, res) => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('expired_url'));
    const outcome = await new FetchResponsePoster(fetch, 2000, () => true).post(stub.url, { text: 'x' });
    expect(outcome).toEqual({ ok: false, status: 404, error: 'expired_url' });
  });

  it('gives up after its timeout, and refuses non-Slack URLs without fetching', async () => {
    const stub = await listen(() => undefined);
    expect(await new FetchResponsePoster(fetch, 100, () => true).post(stub.url, { text: 'x' })).toEqual({ ok: false, error: 'no answer within 100 ms' });
    let fetched = false;
    const spy: typeof fetch = async () => {
      fetched = true;
      return new Response('ok');
    };
    expect(await new FetchResponsePoster(spy).post(stub.url, { text: 'x' })).toEqual({ ok: false, error: 'not a Slack response_url' });
    expect(fetched).toBe(false);
    server?.closeAllConnections();
  });
});
