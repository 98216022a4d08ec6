import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { blockKitProblems } from '../../shared/slack/message/blockKitProblems.ts';
import { findChromium } from './findChromium.ts';
import { type ChatPostMessagePayload, previewSlack } from './previewSlack.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BUNDLE = join(ROOT, 'events', 'incidents', 'rest-lambda-timeout');
const work = mkdtempSync(join(tmpdir(), 'preview-slack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const NO_CHROMIUM = { PATH: '', CHROMIUM: undefined };
const chromium = findChromium();

describe('previewSlack on events/incidents/rest-lambda-timeout', () => {
  it('writes the chat.postMessage payload and the HTML preview, and says why there is no PNG without Chromium', async () => {
    const out = join(work, 'no-chromium');
    const result = await previewSlack({ evidence: BUNDLE, out, channel: '#incidents' }, NO_CHROMIUM);

    const payload: unknown = JSON.parse(readFileSync(join(out, 'message.json'), 'utf8'));
    expect(Object.keys(payload as object).sort()).toEqual(['blocks', 'channel', 'text', 'unfurl_links']);
    expect(payload).toMatchObject({ channel: '#incidents', unfurl_links: false });
    expect(blockKitProblems(payload)).toEqual([]);
    expect(result.problems).toEqual([]);
    const json = JSON.stringify(payload);
    expect(json).toContain('🔴 Lambda function timed out · orders-api (rgkwmpkz6q) · prod');
    expect(json).toContain('*Failing requests*\\n11');
    expect(json).toContain('13:52:53 UTC');
    expect(json).toContain('update-function-configuration');
    expect(json).toContain('|Logs Insights (sampled requests)>');
    // The bundle's 5XXError datapoints drawn as a sparkline, with the onset marked.
    expect(json).toMatch(/\*5xx per minute\* · 11 in the window · peak 2 at 13:5\d UTC/);
    expect(json).toContain('▲ onset 13:52 UTC');
    expect(json).toContain('"action_id":"show_evidence"');

    const html = readFileSync(join(out, 'message.html'), 'utf8');
    expect(html).toContain('<div class="b-header">🔴 Lambda function timed out · orders-api (rgkwmpkz6q) · prod</div>');
    expect(html).not.toMatch(/<script/i);
    expect(readFileSync(join(out, 'thread.html'), 'utf8')).toContain('Cause 1 of 1');
    const replies: unknown = JSON.parse(readFileSync(join(out, 'thread.json'), 'utf8'));
    expect(Array.isArray(replies) && replies.length > 0).toBe(true);
    for (const reply of Array.isArray(replies) ? replies : []) expect(blockKitProblems(reply)).toEqual([]);
    expect(readFileSync(join(out, 'apigw-doctor-rgkwmpkz6q-prod-20260310T135253Z.txt'), 'utf8')).toContain('-- Request 0894a994-46de-48b5-b1a2-bf089cd037d6');

    expect(result.png).toBeUndefined();
    expect(result.pngProblem).toContain('apt-get install -y chromium');
    expect(existsSync(join(out, 'message.png'))).toBe(false);
  });

  it('the command exits 0 and says clearly that it wrote no PNG when Chromium is absent', () => {
    const out = join(work, 'cli');
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'preview-slack.ts'), '--evidence', BUNDLE, '--out', out], {
      env: { ...process.env, CHROMIUM: join(work, 'no-such-chromium') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('orders-api prod: Lambda function timed out (lambda-timeout)');
    expect(run.stdout).toContain(`wrote ${join(out, 'message.json')}`);
    expect(run.stdout).toContain('no message.png: headless Chromium was not found');
    expect(existsSync(join(out, 'message.html'))).toBe(true);
  });

  it('the command exits 2 with the usage on bad arguments', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'preview-slack.ts'), '--out', join(work, 'x')], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--evidence DIR is required');
    expect(run.stderr).toContain('usage: npx tsx scripts/preview-slack.ts');
  });

  it.skipIf(chromium === undefined)(`takes a PNG with headless Chromium (${chromium ?? 'skipped: no chromium, chromium-browser or google-chrome on PATH and no $CHROMIUM; apt-get install -y chromium'})`, async () => {
    const out = join(work, 'png');
    const result = await previewSlack({ evidence: BUNDLE, out, channel: '#incidents' });
    expect(result.pngProblem).toBeUndefined();
    const png = readFileSync(join(out, 'message.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(900);
    const height = png.readUInt32BE(20);
    expect(height).toBeGreaterThan(400);
    expect(height).toBeLessThan(16_000);
    expect(result.png?.bytes).toBe(png.length);
  });
});

it('the payload is typed as chat.postMessage arguments with Block Kit blocks', () => {
  expectTypeOf<ChatPostMessagePayload['blocks']>().toEqualTypeOf<KnownBlock[]>();
  expectTypeOf<ChatPostMessagePayload['unfurl_links']>().toEqualTypeOf<false>();
});
