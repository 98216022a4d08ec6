import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { readInteractionPayload } from '../../shared/chatops/interactions.ts';
import { readSlashCommand } from '../../shared/chatops/parseSlashCommand.ts';
import { rawBodyBytes } from '../../shared/chatops/slackRequest.ts';
import { verifySlackSignature } from '../../shared/chatops/verifySlackSignature.ts';
import { samples, SLACK_DOC_EXAMPLE, SLACK_TEST_SIGNING_SECRET } from './generate.ts';

const dir = new URL('./', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const load = (file: string) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as APIGatewayProxyEvent;

describe('events/slack', () => {
  it('holds exactly what generate.ts writes (run `npx tsx events/slack/generate.ts` after changing it)', () => {
    const generated = samples();
    expect(files).toEqual(Object.keys(generated).sort());
    for (const file of files) expect(readFileSync(new URL(file, dir), 'utf8')).toBe(`${JSON.stringify(generated[file], null, 2)}\n`);
  });

  it.each(files)('%s is a signed POST from Slack as API Gateway passes it', (file) => {
    const event = load(file);
    expect(event.httpMethod).toBe('POST');
    expect(event.requestContext.identity.userAgent).toBe('Slackbot 1.0 (+https://api.slack.com/robots)');
    const now = file === 'slash-command-slack-docs-example.json' ? SLACK_DOC_EXAMPLE.timestamp * 1000 : event.requestContext.requestTimeEpoch;
    const secret = file === 'slash-command-slack-docs-example.json' ? SLACK_DOC_EXAMPLE.secret : SLACK_TEST_SIGNING_SECRET;
    expect(verifySlackSignature(event, secret, now).ok).toBe(file !== 'slash-command-forged.json');
    const body = rawBodyBytes(event).toString('utf8');
    if (event.path === '/slack/commands') expect(readSlashCommand(body)).toHaveProperty('request');
    else expect(readInteractionPayload(body).kind).toBe('block_actions');
  });
});
