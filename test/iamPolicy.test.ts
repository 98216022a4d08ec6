import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAwsClients, type AwsClients } from '../shared/live/awsClients.ts';
import { answerInStack, serviceError, type StackAnswer } from '../shared/live/answerInStack.ts';
import { resolveApiScope } from '../shared/live/resolveApiScope.ts';
import { AlarmScopeError, alarmScopeFromName } from '../shared/live/alarmScope.ts';
import { answerFromBundle, loadBundleAccount } from '../shared/live/bundleAccount.ts';
import { diagnoseLive } from '../shared/live/diagnoseLive.ts';
import { fetchTraces } from '../shared/live/fetchTraces.ts';
import { fetchMetrics } from '../shared/live/fetchMetrics.ts';
import { changeLookupNames, fetchChanges } from '../shared/live/fetchChanges.ts';
import type { LiveClock } from '../shared/live/liveClock.ts';
import { LogsInsightsRunner } from '../shared/live/logsInsights/LogsInsightsRunner.ts';
import { NO_CALL_RECORDER } from '../shared/live/logsInsights/callRecorder.ts';
import { QueryBudget } from '../shared/live/logsInsights/QueryBudget.ts';
import { ACCOUNT, REGION, REST_API_ID, functionConfiguration, restApi, restDeploymentsPage1, restExportResponse, restStage } from '../shared/live/liveFixtures.ts';

/**
 * Least privilege (issue 3, point 7): every live adapter runs against clients that answer inside the real SDK
 * middleware stack, so each call is recorded by AwsCallLog's instrumentation exactly as in production; the
 * IAM actions they needed must be the ones docs/iam-policy.json allows — no more (the code would be denied),
 * no fewer (the policy would grant something unused).
 */

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
}

const policyPath = fileURLToPath(new URL('../docs/iam-policy.json', import.meta.url));
const policy = JSON.parse(readFileSync(policyPath, 'utf8')) as { Version: string; Statement: Statement[] };
const allowedPatterns = policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

function allowed(action: string): boolean {
  return allowedPatterns.some((pattern) => new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, 'i').test(action));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const NOW = Date.parse('2026-03-10T14:30:00Z');
const WINDOW = { start: Date.parse('2026-03-10T13:45:00Z'), end: Date.parse('2026-03-10T14:06:30Z') };

function clock(): LiveClock {
  let t = NOW;
  return { now: () => t, sleep: async (ms) => void (t += ms), random: () => 0.5 };
}

/** The account the adapters read: one REST API, its functions, traces, metrics, changes and logs. */
function answerEverything(clients: AwsClients): void {
  const apiGateway: StackAnswer = (command) => {
    switch (command) {
      case 'GetRestApi':
        return restApi;
      case 'GetStage':
        return restStage;
      case 'GetDeployments':
        return { items: restDeploymentsPage1.items };
      case 'GetExport':
        return restExportResponse;
      default:
        throw serviceError('NotFoundException', `Invalid API identifier specified ${ACCOUNT}:${REST_API_ID}`, 404);
    }
  };
  answerInStack(clients.apiGateway, apiGateway);
  answerInStack(clients.apiGatewayV2, () => ({ Items: [] }));
  answerInStack(clients.lambda, (command, input) => {
    if (command === 'GetFunctionConcurrency') return { ReservedConcurrentExecutions: 10 };
    const name = String(input['FunctionName']).split(':')[6] ?? String(input['FunctionName']);
    return functionConfiguration(name);
  });
  // X-Ray has none of the sampled traces: the Transaction Search check runs too.
  answerInStack(clients.xray, (command) => {
    if (command === 'GetTraceSegmentDestination') return { Destination: 'CloudWatchLogs', Status: 'ACTIVE' };
    if (command === 'BatchGetTraces') return { Traces: [], UnprocessedTraceIds: [] };
    return { TraceSummaries: [], TracesProcessedCount: 0 };
  });
  answerInStack(clients.cloudWatch, (command) => {
    if (command === 'DescribeAlarms') {
      return {
        MetricAlarms: [
          {
            AlarmName: 'orders-api-prod-5xx',
            AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:orders-api-prod-5xx`,
            StateValue: 'ALARM',
            MetricName: '5XXError',
            Namespace: 'AWS/ApiGateway',
            Statistic: 'Sum',
            Dimensions: [{ Name: 'ApiName', Value: 'orders-api' }, { Name: 'Stage', Value: 'prod' }],
            Period: 60,
            EvaluationPeriods: 2,
            Threshold: 2,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          },
        ],
        CompositeAlarms: [],
      };
    }
    if (command === 'DescribeAlarmHistory') {
      return {
        AlarmHistoryItems: [
          {
            AlarmName: 'orders-api-prod-5xx',
            Timestamp: new Date('2026-03-10T13:56:52.616Z'),
            HistoryItemType: 'StateUpdate',
            HistorySummary: 'Alarm updated from OK to ALARM',
            HistoryData: '{"version":"1.0","oldState":{"stateValue":"OK"},"newState":{"stateValue":"ALARM","stateReason":"Threshold Crossed: 2 out of the last 2 datapoints"}}',
          },
        ],
      };
    }
    return { MetricDataResults: [], Messages: [] };
  });
  answerInStack(clients.cloudTrail, () => ({ Events: [] }));
  // Logs Insights: the first query completes, the second stays Running until the runner stops it.
  let started = 0;
  answerInStack(clients.logs, (command, input) => {
    if (command === 'StartQuery') return { queryId: `query-${++started}` };
    if (command === 'StopQuery') return { success: true };
    const status = input['queryId'] === 'query-1' ? 'Complete' : 'Running';
    return { status, results: [], statistics: { recordsMatched: 0, recordsScanned: 120, bytesScanned: 52_340 } };
  });
}

async function runEveryAdapter(clients: AwsClients): Promise<void> {
  const c = clock();
  await alarmScopeFromName(clients.cloudWatch, 'orders-api-prod-5xx', { region: REGION }).catch((error: unknown) => {
    // A denied alarm lookup is a usage error; the call was made (and recorded) all the same.
    if (!(error instanceof AlarmScopeError)) throw error;
  });
  const scope = await resolveApiScope(clients, { api: REST_API_ID, stage: 'prod' }, { region: REGION });
  const runner = new LogsInsightsRunner(clients.logs, NO_CALL_RECORDER, new QueryBudget(), { clock: c, maxWaitMs: 10_000 });
  const groups = [scope.accessLogGroup ?? '', ...scope.functions.map((f) => f.logGroup)];
  await Promise.all([
    runner.run({ logGroupNames: groups, queryString: 'fields @timestamp, @message | filter status >= 500', startTime: WINDOW.start, endTime: WINDOW.end }),
    runner.run({ logGroupNames: [scope.executionLogGroup ?? ''], queryString: 'fields @timestamp, @message', startTime: WINDOW.start, endTime: WINDOW.end }),
    fetchTraces(clients.xray, { traceIds: ['1-69b02235-78073c416a31eef402e76db2'], window: WINDOW, apiName: scope.apiName ?? '', stage: scope.stage, tracingEnabled: scope.tracingEnabled }, { clock: c }),
    fetchMetrics(clients.cloudWatch, { apiType: scope.apiType, apiId: scope.apiId, apiName: scope.apiName ?? '', stage: scope.stage, functions: scope.functions.map((f) => f.name) }, WINDOW, { clock: c }),
    fetchChanges(clients.cloudTrail, { resourceNames: changeLookupNames(scope), onset: WINDOW.start }, { clock: c }),
  ]);
}

describe('docs/iam-policy.json', () => {
  it('is read-only: API Gateway GET only, and only Get/List/Describe/Batch/Lookup/Query-style actions elsewhere', () => {
    expect(policy.Version).toBe('2012-10-17');
    for (const action of allowedPatterns) {
      expect(action).not.toContain('*');
      if (action.startsWith('apigateway:')) expect(action).toBe('apigateway:GET');
      else expect(action).toMatch(/^[a-z0-9]+:(Get|List|Describe|BatchGet|Lookup|StartQuery|StopQuery)/);
    }
  });

  it('allows exactly the IAM actions the live adapters call', async () => {
    const clients = createAwsClients({ region: REGION, credentials });
    answerEverything(clients);
    await runEveryAdapter(clients);

    const used = clients.callLog.actions();
    const notAllowed = [...used].filter((action) => !allowed(action));
    expect(notAllowed).toEqual([]);
    // Every statement is needed: nothing in the policy goes unused.
    expect([...used].sort()).toEqual([...allowedPatterns].sort());
    // The calls really went through the instrumented stack (not a mock that bypasses it).
    expect(clients.callLog.calls().map((c) => `${c.service}:${c.action}`)).toEqual(
      expect.arrayContaining([
        'apigateway:GetRestApi',
        'apigateway:GetExport',
        'lambda:GetFunctionConcurrency',
        'logs:StopQuery',
        'xray:GetTraceSegmentDestination',
        'cloudtrail:LookupEvents',
        'cloudwatch:DescribeAlarms',
        'cloudwatch:DescribeAlarmHistory',
      ]),
    );
    clients.destroy();
  });

  it('covers the calls made when services refuse, too (denied calls are recorded with their action)', async () => {
    const clients = createAwsClients({ region: REGION, credentials });
    answerEverything(clients);
    const denied = (action: string) => () => {
      throw serviceError('AccessDeniedException', `User: arn:aws:sts::${ACCOUNT}:assumed-role/Diag/cli is not authorized to perform: ${action}`, 403);
    };
    answerInStack(clients.xray, denied('xray:BatchGetTraces'));
    answerInStack(clients.cloudTrail, denied('cloudtrail:LookupEvents'));
    answerInStack(clients.lambda, denied('lambda:GetFunctionConfiguration'));
    await runEveryAdapter(clients);
    const used = clients.callLog.actions();
    expect(clients.callLog.all().filter((c) => c.outcome === 'error').length).toBeGreaterThan(0);
    expect([...used].filter((action) => !allowed(action))).toEqual([]);
    clients.destroy();
  });
  it('covers a whole live diagnosis started from an alarm by name, over an account built from an incident bundle', async () => {
    const account = await loadBundleAccount(fileURLToPath(new URL('../events/incidents/rest-lambda-timeout', import.meta.url)));
    const clients = createAwsClients({ region: account.region, credentials });
    const c = clock();
    answerFromBundle(clients, account, { now: c.now });
    const live = await diagnoseLive(clients, { kind: 'alarm', alarmName: account.alarm?.name ?? '' }, { clock: c, region: account.region });
    expect(live.diagnosis.rootCause.id).toBe('lambda-timeout');
    const used = [...clients.callLog.actions()];
    expect(used.filter((action) => !allowed(action))).toEqual([]);
    expect(used).toEqual(expect.arrayContaining(['cloudwatch:DescribeAlarms', 'cloudwatch:DescribeAlarmHistory', 'logs:StartQuery', 'logs:GetQueryResults', 'cloudtrail:LookupEvents']));
    clients.destroy();
  });
});
