import { Bundle } from '../bundle.ts';
import { functionSpec, unhandledResponse, writeFunctionConfig } from '../common.ts';
import { alarmEventBridge, cloudTrailLookup, httpDeployments, httpExport, httpStage, metricData } from '../context.ts';
import { apiId, hex } from '../ids.ts';
import { apiGatewayMetrics } from '../kit.ts';
import type { ApiIdentity, AppLog, ErrorInfo } from '../model.ts';
import { accessLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, idPath, pythonProxyResponse, round2, staticPath } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';

/**
 * A partner starts posting sign-ups without "email"; signup-fn does body["email"] and raises KeyError. HTTP API,
 * Python 3.13 text log format (multi-line traceback), access log with custom field names, EventBridge alarm. An
 * unrelated configuration change of another function shortly before is a distractor.
 */
export function buildHttpUnhandledPython(): Bundle {
  const name = 'http-lambda-unhandled-error-python';
  const rng = createRng(seedFromName(name));
  const api: ApiIdentity = { id: apiId(rng), name: 'members-http', type: 'HTTP', stage: '$default', region: 'ap-southeast-2', account: '660214958371' };
  const onset = Date.UTC(2026, 5, 9, 22, 40, 5);
  const from = onset - 4 * MINUTE;
  const to = onset + 12 * MINUTE;
  const signup = functionSpec(api, { name: 'signup-fn', runtime: 'python3.13', runtimeVersion: 'python:3.13.v21', handler: 'app.handler', memorySizeMb: 512, timeoutSeconds: 15, initMs: [520, 900], memoryUsedMb: [66, 80] });
  const profile = functionSpec(api, { name: 'profile-fn', runtime: 'python3.13', runtimeVersion: 'python:3.13.v21', handler: 'app.handler', memorySizeMb: 512, timeoutSeconds: 15, initMs: [500, 860], memoryUsedMb: [64, 78] });
  const signupPool = new EnvironmentPool(rng, signup, 2, from);
  const profilePool = new EnvironmentPool(rng, profile, 2, from);
  const keyError: ErrorInfo = {
    type: 'KeyError',
    message: "'email'",
    stack: ['  File "/var/task/app.py", line 48, in handler\n    user = register(body["email"], body.get("name"), source=partner)\n'],
  };

  const requests = simulateTraffic(rng, api, { from, to, perMinute: 8 }, [
    {
      route: { method: 'POST', resourcePath: '/signup', makePath: staticPath('/signup'), body: () => '{"name":"…","source":"partner"}' },
      weight: 45,
      handle: (ctx) => {
        const r = ctx.rng;
        const partner = ctx.time >= onset && r.chance(0.72) ? 'brightwave' : r.pick(['web', 'ios', 'android']);
        const logs: AppLog[] = [{ offsetMs: 2, level: 'INFO', text: `signup request source=${partner}` }];
        if (partner === 'brightwave') {
          logs.push({ offsetMs: 3, level: 'DEBUG', text: "payload keys: ['fullName', 'contactEmail', 'source']", raw: true });
          return viaLambda(ctx, signup, signupPool, { durationMs: round2(r.float(3, 9)), end: { kind: 'unhandled', error: keyError }, appLogs: logs, response: unhandledResponse(keyError, 'python') });
        }
        if (r.chance(0.08)) {
          logs.push({ offsetMs: 35, level: 'WARN', text: 'email already registered' });
          return viaLambda(ctx, signup, signupPool, { durationMs: round2(r.float(30, 60)), end: { kind: 'success' }, appLogs: logs, response: payloadResponse(pythonProxyResponse(409, { error: 'email_taken' })) });
        }
        logs.push({ offsetMs: r.int(60, 110), level: 'INFO', text: `created member mbr_${hex(r, 12)}` });
        return viaLambda(ctx, signup, signupPool, { durationMs: round2(r.float(90, 240)), end: { kind: 'success' }, appLogs: logs, response: payloadResponse(pythonProxyResponse(201, { status: 'created' })) });
      },
    },
    {
      route: { method: 'GET', resourcePath: '/members/{memberId}', makePath: idPath('/members', 'memberId', (r) => `mbr_${hex(r, 12)}`) },
      weight: 55,
      handle: (ctx) => {
        const r = ctx.rng;
        const missing = r.chance(0.07);
        const logs: AppLog[] = [{ offsetMs: 1, level: 'INFO', text: `get member ${ctx.shell.pathParameters['memberId'] ?? ''}` }];
        if (r.chance(0.1)) logs.push({ offsetMs: 20, level: 'WARN', text: 'profile cache stale, refreshing from table' });
        return viaLambda(ctx, profile, profilePool, {
          durationMs: round2(r.float(11, 70)),
          end: { kind: 'success' },
          appLogs: logs,
          response: payloadResponse(missing ? pythonProxyResponse(404, { error: 'not_found' }) : pythonProxyResponse(200, { tier: r.pick(['free', 'plus', 'pro']) })),
        });
      },
    },
  ]);

  const frame = frameIncident(rng, api, requests, { threshold: 2, evaluationPeriods: 2, onset, alarmName: 'members-http-5xx-high', description: 'members-http 5xx', topic: 'members-alerts' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = invocationsOf(kept);
  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmEventBridge(rng, frame.alarm));
  const accessFormat = '{"rid":"$context.requestId","at":"$context.requestTimeEpoch","route":"$context.routeKey","code":"$context.status","bytes":"$context.responseLength","ms":"$context.responseLatency","lambda_status":"$context.integration.integrationStatus","fn_status":"$context.integration.status","lambda_rid":"$context.integration.requestId","lambda_ms":"$context.integration.latency","err":"$context.integrationErrorMessage","ip":"$context.identity.sourceIp","ua":"$context.identity.userAgent"}';
  const accessGroup = '/aws/vendedlogs/members-http-access';
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, accessFormat, accessGroup, 1), 'filter-log-events', api.account);
  const lambda = until(lambdaLogs(invocations, 'python-text', api.region), cutoff);
  writeLogFile(bundle, rng, signup.logGroup, lambda.filter((e) => e.logGroup === signup.logGroup), 'tail', api.account);
  writeLogFile(bundle, rng, profile.logGroup, lambda.filter((e) => e.logGroup === profile.logGroup), 'tail', api.account);

  const deploymentId = hex(rng, 6);
  bundle.json('api/stage.json', httpStage({ stageName: api.stage, deploymentId, accessLogFormat: accessFormat, accessLogDestinationArn: `arn:aws:logs:${api.region}:${api.account}:log-group:${accessGroup}`, createdDate: Date.UTC(2025, 7, 19, 3, 2, 1), lastUpdatedDate: Date.UTC(2026, 5, 1, 4, 12, 0), autoDeploy: true }));
  bundle.json('api/deployments.json', httpDeployments([{ id: deploymentId, description: 'Automatic deployment triggered by changes to the Api configuration', createdDate: Date.UTC(2026, 5, 1, 4, 11, 58), autoDeployed: true }]));
  bundle.json('api/export.json', httpExport({ apiId: api.id, title: api.name, region: api.region, version: Date.UTC(2026, 5, 1, 4, 11, 58), routes: [
    { method: 'POST', path: '/signup', functionArn: signup.arn },
    { method: 'GET', path: '/members/{memberId}', functionArn: profile.arn, parameters: ['memberId'] },
  ] }));
  writeFunctionConfig(bundle, rng, api, signup, { logFormat: 'Text', lastModified: Date.UTC(2026, 4, 27, 1, 5, 44), environment: { MEMBERS_TABLE: 'members' } });
  writeFunctionConfig(bundle, rng, api, profile, { logFormat: 'Text', lastModified: Date.UTC(2026, 4, 27, 1, 5, 40), environment: { MEMBERS_TABLE: 'members' } });
  bundle.json('metrics/apigateway.json', metricData(apiGatewayMetrics(kept, api, from, cutoff)));
  const distractorAt = onset - 6 * MINUTE - 12_000;
  bundle.json('changes/cloudtrail.json', cloudTrailLookup(rng, [{
    time: distractorAt, eventName: 'UpdateFunctionConfiguration20150331v2', eventSource: 'lambda.amazonaws.com', region: api.region, account: api.account,
    username: 'terraform', roleName: 'platform-terraform-apply', userAgent: 'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.82.2', sourceIp: '3.104.77.19',
    requestParameters: { functionName: 'newsletter-fn', environment: { variables: 'HIDDEN_DUE_TO_SECURITY_REASONS' } },
    responseElements: { functionName: 'newsletter-fn', timeout: 30, memorySize: 256, version: '$LATEST', lastUpdateStatus: 'InProgress' },
    resources: [{ type: 'AWS::Lambda::Function', name: 'newsletter-fn' }],
  }]));

  bundle.expected({
    rootCause: 'lambda-unhandled-error',
    findings: ['lambda-unhandled-error'],
    failingRequests: frame.failing.length,
    api: { id: api.id, stage: api.stage, type: 'HTTP' },
    notes: `From ${isoSeconds(onset)} the partner "brightwave" posts sign-ups with contactEmail instead of email; signup-fn raises KeyError: 'email' ([ERROR] line with a multi-line traceback, NBSP-indented) and the HTTP API answers 500 with integrationErrorMessage "The Lambda function returned the following error: 'email'. ...". The UpdateFunctionConfiguration of newsletter-fn at ${isoSeconds(distractorAt)} is unrelated (another function, not behind this API). Noise: 409/404, WARN lines, print() DEBUG lines.`,
  });
  bundle.readme(`
# http-lambda-unhandled-error-python

**What happened.** From ${isoSeconds(onset)} a partner integration ("brightwave") posts sign-ups with \`contactEmail\` instead of \`email\`.
\`signup-fn\` does \`body["email"]\`, raises \`KeyError: 'email'\`, and the HTTP API answers 500. Alarm at ${isoSeconds(stateChange)}.
Nothing changed on AWS's side for this API; the CloudTrail event (Terraform updating \`newsletter-fn\`'s environment) is a distractor.

- API: HTTP API \`${api.name}\` (\`${api.id}\`), \`$default\` stage, payload 2.0; ${api.region}.
- Functions: \`signup-fn\`, \`profile-fn\`: python3.13, **text** log format (\`[LEVEL]\\t<time>\\t<request id>\\t<msg>\`; unhandled errors as \`[ERROR] KeyError: 'email'\` plus a traceback in the same event).
- Expected: \`lambda-unhandled-error\`, ${frame.failing.length} failing requests.

**Files.** \`alarm.json\`: EventBridge event (metric \`5xx\`, ApiId/Stage). \`logs/aws/vendedlogs/members-http-access.json\`: \`filter-log-events\`
of an access log with **custom field names** (\`rid\`, \`code\`, \`lambda_rid\`, \`err\` = \`$context.integrationErrorMessage\`, …).
\`logs/aws/lambda/*.txt\`: \`aws logs tail\` output (detailed format): traceback lines continue the event before them.

**Noise.** 409 and 404 answers, WARN lines, plain \`print()\` lines without level, cold starts, the unrelated configuration change.

**Where the shapes come from.**
- ${SOURCES.pythonText}
- ${SOURCES.httpApiAccess} KeyError example: "The Lambda function returned the following error: 'name'" (public notes, search index file 44736234991).
- ${SOURCES.lambdaPlatform}
- ${SOURCES.alarmEventBridge}
- ${SOURCES.cloudtrail}
- ${SOURCES.cli}
`);
  return bundle;
}
