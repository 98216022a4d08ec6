import type { SNSClient } from '@aws-sdk/client-sns';
import type { ClaimIncidentDeps } from '../../functions/claim-incident/deps.ts';
import { MemoryIncidentLedger } from '../../shared/claim/MemoryIncidentLedger.ts';
import type { NotifyDeps } from '../../shared/notify/notify.ts';
import type { SlackNotifyDeps } from '../../shared/notify/notifySlack.ts';
import { FetchResponsePoster } from '../../shared/chatops/responsePoster.ts';
import { ChannelRateLimiter } from '../../shared/slack/delivery/ChannelRateLimiter.ts';
import { MemoryIncidentThreads } from '../../shared/slack/delivery/MemoryIncidentThreads.ts';
import { SlackClient } from '../../shared/slack/delivery/SlackClient.ts';
import { FAKE_SLACK_TOKEN } from '../fakeSlack/FakeSlackServer.ts';
import { type LiveService, restrictClients } from '../../shared/live/stepClients.ts';
import type { WorkflowDeps } from '../../shared/workflow/WorkflowDeps.ts';

/** Slack as the fake server (scripts/fakeSlack/serve.ts) or any Web API at `baseUrl`: a bot posting to #incidents. */
function localSlack(baseUrl: string, now: () => number): SlackNotifyDeps {
  const client = new SlackClient({ baseUrl, token: process.env.SLACK_BOT_TOKEN ?? FAKE_SLACK_TOKEN });
  return {
    delivery: { target: { kind: 'bot', client, channel: process.env.SLACK_CHANNEL ?? '#incidents' }, threads: new MemoryIncidentThreads(), limiter: new ChannelRateLimiter({ ratePerSecond: 100, burst: 100 }), now, cooldownMs: 30 * 60_000 },
    responses: new FetchResponsePoster(),
  };
}

export interface LocalAccount {
  workflowDeps: WorkflowDeps;
  sns: SNSClient;
  topicArn: string;
  now: () => number;
  slackUrl?: string;
}

/**
 * Each function's dependencies in a local run: the evidence steps share the bundle-backed account (restricted to
 * the services each declares) and the folder store; the claim step a ledger in memory (the default 30-minute cool-down); Notify the captured SNS topic
 * and, with --slack-url, a bot posting to that Slack stand-in.
 */
export function localStepDeps(local: LocalAccount): (step: string, services?: readonly LiveService[]) => unknown {
  const claim: ClaimIncidentDeps = { ledger: new MemoryIncidentLedger(), cooldownMs: () => 30 * 60_000, now: local.now };
  const notify: NotifyDeps = {
    store: local.workflowDeps.store,
    sns: local.sns,
    topicArn: local.topicArn,
    ...(local.slackUrl !== undefined ? { slack: async () => localSlack(local.slackUrl ?? '', local.now) } : {}),
  };
  return (step, services) => {
    switch (step) {
      case 'claim-incident':
        return claim;
      case 'notify':
        return notify;
      default:
        // Only the services the step declares, as in Lambda: an undeclared call fails here as it would there.
        return { ...local.workflowDeps, clients: restrictClients(local.workflowDeps.clients, step, services ?? []) };
    }
  };
}
