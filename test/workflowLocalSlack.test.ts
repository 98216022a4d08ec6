/**
 * Issue 5's local run: `npm run workflow:local -- --slack-url` posts what Notify would post to Slack to the local
 * stand-in for Slack's Web API (scripts/fakeSlack), which checks payloads as Slack does and captures them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FakeSlackServer } from '../scripts/fakeSlack/FakeSlackServer.ts';
import { runLocalWorkflow } from '../scripts/workflowLocal/runLocalWorkflow.ts';
import { blockKitProblems } from '../shared/slack/message/blockKitProblems.ts';
import { SLACK_LIMITS } from '../shared/slack/message/slackLimits.ts';

let slack: FakeSlackServer;
beforeAll(async () => {
  slack = await FakeSlackServer.start();
});
afterAll(() => slack.close());

describe('workflow:local --slack-url', () => {
  it.each(['rest-lambda-timeout', 'rest-two-causes-timeout-and-oom', 'http-insufficient-evidence-metrics-only'])('%s: one root message within Slack limits, the evidence in its thread', async (name) => {
    slack.reset();
    const result = await runLocalWorkflow({ evidence: fileURLToPath(new URL(`../events/incidents/${name}`, import.meta.url)), slackUrl: slack.apiUrl });
    await rm(result.storeDir, { recursive: true, force: true });
    expect(result.status).toBe('SUCCEEDED');
    const calls = slack.captured();
    expect(calls.every((c) => c.status === 200 && c.error === undefined)).toBe(true);
    const posts = calls.filter((c) => c.method === 'chat.postMessage');
    const root = posts.find((p) => p.body['thread_ts'] === undefined)?.body;
    if (!root) throw new Error('no root message');
    expect(blockKitProblems({ text: root['text'], blocks: root['blocks'] })).toEqual([]);
    const blocks = root['blocks'] as { type: string; text?: { text?: string } }[];
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(blocks[0]?.type).toBe('header');
    // The header names the cause; "insufficient evidence" reads as "couldn't tell why (not enough evidence)".
    const cause = result.diagnosis?.rootCause;
    expect(blocks[0]?.text?.text?.toLowerCase()).toContain(cause?.id === 'insufficient-evidence' ? 'not enough evidence' : (cause?.title ?? '(none)').toLowerCase());
    expect(String(root['text'])).toContain(String(result.diagnosis?.failingRequests.total ?? 0));
    const rootTs = slack.messages().find((m) => m.thread_ts === undefined)?.ts;
    for (const reply of posts.filter((p) => p.body['thread_ts'] !== undefined)) {
      expect(reply.body['thread_ts']).toBe(rootTs);
      expect(blockKitProblems({ text: reply.body['text'], blocks: reply.body['blocks'] })).toEqual([]);
    }
  });
});
