import { REST_XML } from '../accessLog.ts';
import { Bundle } from '../bundle.ts';
import { codeDeployEvent, functionSpec, writeFunctionConfig } from '../common.ts';
import { alarmEventBridge, cloudTrailLookup, metricData, restDeployments, restExport, restStage } from '../context.ts';
import { apiId, base64, hex } from '../ids.ts';
import { apiGatewayMetrics } from '../kit.ts';
import type { ApiIdentity } from '../model.ts';
import { accessLogs, executionLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, idPath, pythonJson, pythonProxyResponse, round2, staticPath } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';

/**
 * A refactor of members-fn's response helper returns "body" as a dict instead of a JSON string. Lambda succeeds, but
 * API Gateway rejects the proxy response: "Execution failed due to configuration error: Malformed Lambda proxy
 * response", 502. Python 3.12 text logs show nothing wrong.
 */
export function buildRestMalformed(): Bundle {
  const name = 'rest-malformed-proxy-response';
  const rng = createRng(seedFromName(name));
  const api: ApiIdentity = { id: apiId(rng), name: 'loyalty-api', type: 'REST', stage: 'prod', region: 'eu-west-1', account: '823640175529' };
  const deploy = Date.UTC(2026, 10, 11, 10, 27, 40);
  const liveAt = deploy + 12_000;
  const from = deploy - 4 * MINUTE;
  const to = deploy + 12 * MINUTE;
  const members = functionSpec(api, { name: 'members-fn', runtime: 'python3.12', runtimeVersion: 'python:3.12.v58', handler: 'members.handler.lambda_handler', memorySizeMb: 256, timeoutSeconds: 10, initMs: [450, 760] });
  const benefits = functionSpec(api, { name: 'benefits-fn', runtime: 'python3.12', runtimeVersion: 'python:3.12.v58', handler: 'benefits.handler.lambda_handler', memorySizeMb: 256, timeoutSeconds: 10, initMs: [430, 700] });
  const membersPool = new EnvironmentPool(rng, members, 3, from);
  membersPool.recycleAt(liveAt);
  const benefitsPool = new EnvironmentPool(rng, benefits, 2, from);

  const requests = simulateTraffic(rng, api, { from, to, perMinute: 8 }, [
    {
      route: { method: 'GET', resourcePath: '/members/{memberId}', makePath: idPath('/members', 'memberId', (r) => `M${r.int(1_000_000, 9_999_999)}`) },
      weight: 40,
      handle: (ctx) => {
        const r = ctx.rng;
        const id = ctx.shell.pathParameters['memberId'] ?? '';
        const missing = r.chance(0.06);
        const doc = missing ? { error: 'member not found' } : { memberId: id, tier: r.pick(['silver', 'gold', 'platinum']), points: r.int(0, 90_000) };
        const status = missing ? 404 : 200;
        const payload = ctx.time >= liveAt
          ? pythonJson({ statusCode: status, headers: { 'Content-Type': 'application/json' }, body: doc })
          : pythonProxyResponse(status, doc);
        return viaLambda(ctx, members, membersPool, {
          durationMs: round2(r.float(20, 95)),
          end: { kind: 'success' },
          appLogs: [{ offsetMs: 2, level: 'INFO', text: `fetching member ${id}` }, { offsetMs: 18, level: 'INFO', text: missing ? `member ${id} not found` : `member ${id} loaded (tier=${doc.tier ?? ''})` }],
          response: payloadResponse(payload),
        });
      },
    },
    {
      route: { method: 'GET', resourcePath: '/benefits', makePath: staticPath('/benefits'), query: (r) => ({ tier: r.pick(['silver', 'gold', 'platinum']) }) },
      weight: 60,
      handle: (ctx) => viaLambda(ctx, benefits, benefitsPool, {
        durationMs: round2(ctx.rng.float(5, 30)),
        end: { kind: 'success' },
        appLogs: ctx.rng.chance(0.1) ? [{ offsetMs: 3, level: 'WARN', text: 'benefits catalogue older than 24h, serving anyway' }] : [],
        response: payloadResponse(pythonProxyResponse(200, { benefits: ctx.rng.int(3, 12) })),
      }),
    },
  ]);

  const frame = frameIncident(rng, api, requests, { threshold: 2, evaluationPeriods: 2, onset: liveAt, alarmName: 'loyalty-api-prod-5XX', description: 'loyalty-api prod 5XXError', topic: 'loyalty-alerts' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = invocationsOf(kept);
  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmEventBridge(rng, frame.alarm));
  const execGroup = `API-Gateway-Execution-Logs_${api.id}/${api.stage}`;
  writeLogFile(bundle, rng, execGroup, until(executionLogs(rng, kept, { logGroup: execGroup, format: 'filter-log-events', dataTrace: true, tracing: false, streams: 3, receivedStyle: 'status', include: (r) => (r.status >= 500 && r.time < liveAt + 3 * MINUTE) || (r.resourcePath === '/members/{memberId}' && r.time > liveAt - 60_000 && r.time < liveAt) }), cutoff), 'filter-log-events', api.account);
  const accessGroup = '/aws/apigateway/loyalty-api-prod-access';
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, REST_XML, accessGroup), 'text', api.account);
  const lambda = until(lambdaLogs(invocations, 'python-text', api.region), cutoff);
  writeLogFile(bundle, rng, members.logGroup, lambda.filter((e) => e.logGroup === members.logGroup), 'jsonl', api.account);
  writeLogFile(bundle, rng, benefits.logGroup, lambda.filter((e) => e.logGroup === benefits.logGroup), 'jsonl', api.account);

  const deploymentId = hex(rng, 6);
  bundle.json('api/stage.json', restStage({ stageName: api.stage, deploymentId, loggingLevel: 'INFO', dataTraceEnabled: true, accessLogFormat: REST_XML, accessLogDestinationArn: `arn:aws:logs:${api.region}:${api.account}:log-group:${accessGroup}`, tracingEnabled: false, createdDate: Date.UTC(2025, 4, 5, 9, 0, 0), lastUpdatedDate: Date.UTC(2026, 9, 20, 15, 0, 0) }));
  bundle.json('api/deployments.json', restDeployments([{ id: deploymentId, description: 'loyalty-api 2026-10-20', createdDate: Date.UTC(2026, 9, 20, 14, 59, 57) }]));
  bundle.json('api/export.json', restExport({ apiId: api.id, title: api.name, region: api.region, stage: api.stage, version: Date.UTC(2026, 9, 20, 14, 59, 57), routes: [
    { method: 'GET', path: '/members/{memberId}', functionArn: members.arn, parameters: ['memberId'] },
    { method: 'GET', path: '/benefits', functionArn: benefits.arn },
  ] }));
  writeFunctionConfig(bundle, rng, api, members, { logFormat: 'Text', lastModified: deploy + 200, codeSize: 88_412, environment: { MEMBERS_TABLE: 'loyalty-members' } });
  writeFunctionConfig(bundle, rng, api, benefits, { logFormat: 'Text', lastModified: Date.UTC(2026, 9, 20, 14, 58, 1) });
  bundle.json('metrics/apigateway.json', metricData(apiGatewayMetrics(kept, api, from, cutoff)));
  bundle.json('changes/cloudtrail.json', cloudTrailLookup(rng, [codeDeployEvent(api, members, deploy, 88_412, `${base64(rng, 43)}=`)]));

  bundle.expected({
    rootCause: 'malformed-proxy-response',
    findings: ['malformed-proxy-response'],
    failingRequests: frame.failing.length,
    api: { id: api.id, stage: api.stage, type: 'REST' },
    notes: `UpdateFunctionCode of members-fn at ${isoSeconds(deploy)}; from then members-fn returns {"statusCode": 200, "headers": {…}, "body": {…}} (body an object, Python separators). Lambda logs show successful invocations (no error, no Status in REPORT); the execution log has "Endpoint response body before transformations: …" then "Execution failed due to configuration error: Malformed Lambda proxy response" and 502 — 404s of members-fn become 502 too. benefits-fn unaffected.`,
  });
  bundle.readme(`
# rest-malformed-proxy-response

**What happened.** At ${isoSeconds(deploy)} a refactor of \`members-fn\`'s response helper was deployed: it now returns \`"body": {…}\` (a dict)
instead of \`"body": json.dumps(…)\`. The function runs fine and logs nothing unusual, but API Gateway cannot use the answer and says
\`Execution failed due to configuration error: Malformed Lambda proxy response\`; clients get 502 on \`GET /members/{memberId}\`.
Alarm at ${isoSeconds(stateChange)}.

- API: REST \`${api.name}\` (\`${api.id}\`), stage \`prod\`; ${api.region}. Functions: python3.12, text log format.
- Expected: \`malformed-proxy-response\`, ${frame.failing.length} failing requests.

**Files.** \`alarm.json\`: EventBridge event. \`logs/API-Gateway-Execution-Logs_${api.id}/prod.json\`: \`filter-log-events\`, INFO with data trace (the
malformed body is visible), failing requests of the first 3 minutes plus the minute of healthy /members requests before. \`logs/aws/apigateway/
loyalty-api-prod-access.log\`: **XML** access log, one record a line. \`logs/aws/lambda/*.jsonl\`: JSON Lines \`{"timestamp","message"}\`.

**Noise.** benefits-fn traffic with WARN lines, members-fn 404s before the deploy, cold starts after it.

**Where the shapes come from.**
- ${SOURCES.executionLog} The malformed case with a dict body: \`Endpoint response body before transformations: {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": {"hey": "dude"}}\` / \`Execution failed due to configuration error: Malformed Lambda proxy response\` / \`Method completed with status: 502\` (vincentsarago/lambda-proxy#59).
- ${SOURCES.pythonText}
- ${SOURCES.restAccess}
- ${SOURCES.alarmEventBridge}
- ${SOURCES.cloudtrail}
- ${SOURCES.cli}
`);
  return bundle;
}
