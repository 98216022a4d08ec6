import { REST_XML } from '../accessLog.ts';
import { Bundle } from '../bundle.ts';
import { codeDeployEvent, functionSpec, writeFunctionConfig } from '../common.ts';
import { alarmEventBridge, cloudTrailLookup, metricData, restDeployments, restExport, restStage } from '../context.ts';
import { apiId, base64, hex } from '../ids.ts';
import { apiGatewayMetrics, lambdaMetrics } from '../kit.ts';
import type { ApiIdentity, ErrorInfo } from '../model.ts';
import { accessLogs, executionLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { type HandleContext, frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, idPath, nodeProxyResponse, round2, staticPath } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';

/**
 * A deploy ships accounts-fn without node_modules/zod: the handler module cannot load (Runtime.ImportModuleError),
 * every invocation fails in init and API Gateway answers 502. sessions-fn, on other routes, keeps working.
 */
export function buildRestInitError(): Bundle {
  const name = 'rest-lambda-init-error';
  const rng = createRng(seedFromName(name));
  const api: ApiIdentity = { id: apiId(rng), name: 'accounts-api', type: 'REST', stage: 'prod', region: 'us-west-2', account: '148926370514' };
  const deploy = Date.UTC(2026, 6, 21, 7, 48, 52);
  const liveAt = deploy + 17_000;
  const from = deploy - 4 * MINUTE;
  const to = deploy + 12 * MINUTE;
  const accounts = functionSpec(api, { name: 'accounts-fn', runtime: 'nodejs20.x', runtimeVersion: 'nodejs:20.v48', handler: 'index.handler', memorySizeMb: 512, timeoutSeconds: 10, initMs: [210, 380], memoryUsedMb: [88, 101] });
  const sessions = functionSpec(api, { name: 'sessions-fn', runtime: 'nodejs20.x', runtimeVersion: 'nodejs:20.v48', handler: 'index.handler', memorySizeMb: 256, timeoutSeconds: 10, initMs: [160, 300], memoryUsedMb: [70, 82] });
  const accountsPool = new EnvironmentPool(rng, accounts, 3, from);
  accountsPool.recycleAt(liveAt);
  const sessionsPool = new EnvironmentPool(rng, sessions, 3, from);
  const importError: ErrorInfo = {
    type: 'Runtime.ImportModuleError',
    message: "Error: Cannot find module 'zod'\nRequire stack:\n- /var/task/src/validation.js\n- /var/task/index.js\n- /var/runtime/index.mjs",
    stack: [
      "Runtime.ImportModuleError: Error: Cannot find module 'zod'",
      'Require stack:',
      '- /var/task/src/validation.js',
      '- /var/task/index.js',
      '- /var/runtime/index.mjs',
      '    at _loadUserApp (file:///var/runtime/index.mjs:1087:17)',
      '    at async UserFunction.js.module.exports.load (file:///var/runtime/index.mjs:1119:21)',
      '    at async start (file:///var/runtime/index.mjs:1282:23)',
      '    at async file:///var/runtime/index.mjs:1288:1',
    ],
  };
  const accountId = (r: typeof rng): string => `acc_${hex(r, 10)}`;
  const accountsRoute = (method: string, path: string, weight: number, okStatus: number) => ({
    route: path.includes('{') ? { method, resourcePath: path, makePath: idPath('/accounts', 'accountId', accountId) } : { method, resourcePath: path, makePath: staticPath(path), body: () => '{"email":"…","plan":"team"}' },
    weight,
    handle: (ctx: HandleContext) => {
      const r = ctx.rng;
      if (ctx.time >= liveAt) {
        const retry = round2(r.float(170, 330));
        return viaLambda(ctx, accounts, accountsPool, {
          durationMs: round2(retry + r.float(14, 26)),
          end: { kind: 'init-error', error: importError },
          appLogs: [],
          forceInit: true,
          maxMemoryUsedMb: r.int(58, 72),
          initDurationMs: retry,
          initPhaseDurationMs: round2(r.float(180, 340)),
          response: { kind: 'function-error', errorMessage: importError.message, payload: JSON.stringify({ errorType: importError.type, errorMessage: importError.message, trace: importError.stack }) },
        });
      }
      return viaLambda(ctx, accounts, accountsPool, {
        durationMs: round2(r.float(25, 140)),
        end: { kind: 'success' },
        appLogs: [{ offsetMs: 2, level: 'INFO', text: `${method} ${ctx.shell.path}` }],
        response: payloadResponse(nodeProxyResponse(okStatus, { ok: true })),
      });
    },
  });

  const requests = simulateTraffic(rng, api, { from, to, perMinute: 9 }, [
    accountsRoute('GET', '/accounts/{accountId}', 22, 200),
    accountsRoute('POST', '/accounts', 8, 201),
    {
      route: { method: 'POST', resourcePath: '/sessions', makePath: staticPath('/sessions'), body: () => '{"username":"…","password":"…"}' },
      weight: 45,
      handle: (ctx) => {
        const r = ctx.rng;
        const bad = r.chance(0.1);
        return viaLambda(ctx, sessions, sessionsPool, {
          durationMs: round2(r.float(30, 95)),
          end: { kind: 'success' },
          appLogs: [{ offsetMs: 3, level: bad ? 'WARN' : 'INFO', text: bad ? 'login failed: bad credentials' : 'session issued' }],
          response: payloadResponse(bad ? nodeProxyResponse(401, { message: 'invalid credentials' }) : nodeProxyResponse(200, { token: '…' })),
        });
      },
    },
    {
      route: { method: 'DELETE', resourcePath: '/sessions/{sessionId}', makePath: idPath('/sessions', 'sessionId', (r) => `ses_${hex(r, 12)}`) },
      weight: 25,
      handle: (ctx) => viaLambda(ctx, sessions, sessionsPool, { durationMs: round2(ctx.rng.float(8, 30)), end: { kind: 'success' }, appLogs: [{ offsetMs: 1, level: 'INFO', text: 'session revoked' }], response: payloadResponse(nodeProxyResponse(204, {})) }),
    },
  ]);

  const frame = frameIncident(rng, api, requests, { threshold: 2, evaluationPeriods: 2, onset: liveAt, alarmName: 'accounts-api-prod-5xx', description: '5XX on accounts-api prod', topic: 'identity-oncall' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = invocationsOf(kept);
  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmEventBridge(rng, frame.alarm));
  const execGroup = `API-Gateway-Execution-Logs_${api.id}/${api.stage}`;
  writeLogFile(bundle, rng, execGroup, until(executionLogs(rng, kept, { logGroup: execGroup, format: 'filter-log-events', dataTrace: true, tracing: false, streams: 3, include: (r) => r.status >= 500 && r.time < liveAt + 4 * MINUTE }), cutoff), 'filter-log-events', api.account);
  const accessGroup = `/aws/apigateway/${api.id}/prod/access`;
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, REST_XML, accessGroup), 'jsonl-at', api.account);
  const lambda = until(lambdaLogs(invocations, 'node-text', api.region), cutoff);
  writeLogFile(bundle, rng, accounts.logGroup, lambda.filter((e) => e.logGroup === accounts.logGroup), 'text', api.account);
  writeLogFile(bundle, rng, sessions.logGroup, lambda.filter((e) => e.logGroup === sessions.logGroup), 'text', api.account);

  const deploymentId = hex(rng, 6);
  bundle.json('api/stage.json', restStage({ stageName: api.stage, deploymentId, loggingLevel: 'INFO', dataTraceEnabled: true, accessLogFormat: REST_XML, accessLogDestinationArn: `arn:aws:logs:${api.region}:${api.account}:log-group:${accessGroup}`, tracingEnabled: false, createdDate: Date.UTC(2025, 1, 3, 17, 0, 0), lastUpdatedDate: Date.UTC(2026, 6, 14, 11, 0, 0) }));
  bundle.json('api/deployments.json', restDeployments([{ id: deploymentId, description: 'accounts-api 2026.07.14', createdDate: Date.UTC(2026, 6, 14, 10, 59, 57) }]));
  bundle.json('api/export.json', restExport({ apiId: api.id, title: api.name, region: api.region, stage: api.stage, version: Date.UTC(2026, 6, 14, 10, 59, 57), routes: [
    { method: 'GET', path: '/accounts/{accountId}', functionArn: accounts.arn, parameters: ['accountId'] },
    { method: 'POST', path: '/accounts', functionArn: accounts.arn },
    { method: 'POST', path: '/sessions', functionArn: sessions.arn },
    { method: 'DELETE', path: '/sessions/{sessionId}', functionArn: sessions.arn, parameters: ['sessionId'] },
  ] }));
  writeFunctionConfig(bundle, rng, api, accounts, { logFormat: 'Text', lastModified: deploy + 300, codeSize: 48_213, environment: { ACCOUNTS_TABLE: 'accounts' } });
  writeFunctionConfig(bundle, rng, api, sessions, { logFormat: 'Text', lastModified: Date.UTC(2026, 6, 14, 10, 58, 2), codeSize: 2_731_902 });
  bundle.json('metrics/apigateway.json', metricData(apiGatewayMetrics(kept, api, from, cutoff)));
  bundle.json('metrics/lambda-accounts-fn.json', metricData(lambdaMetrics(accounts.name, invocations, [], from, cutoff)));
  bundle.json('changes/cloudtrail.json', cloudTrailLookup(rng, [codeDeployEvent(api, accounts, deploy, 48_213, `${base64(rng, 43)}=`)]));

  bundle.expected({
    rootCause: 'lambda-init-error',
    findings: ['lambda-init-error'],
    failingRequests: frame.failing.length,
    api: { id: api.id, stage: api.stage, type: 'REST' },
    notes: `UpdateFunctionCode of accounts-fn at ${isoSeconds(deploy)} (code size 2.7 MB -> 48 KB: node_modules left out). Every accounts-fn invocation after it fails to initialise: "Uncaught Exception" with errorType Runtime.ImportModuleError (Cannot find module 'zod'), INIT_REPORT Phase: init/invoke Status: error, REPORT Status: error Error Type: Runtime.ImportModuleError; the execution log line "Lambda execution failed with status 200 due to customer function error: Error: Cannot find module 'zod'\\nRequire stack: …" spans several lines. Not lambda-unhandled-error: the handler never ran. sessions-fn routes stay healthy (401 noise).`,
  });
  bundle.readme(`
# rest-lambda-init-error

**What happened.** GitHub Actions deployed \`accounts-fn\` at ${isoSeconds(deploy)} with a package that left out \`node_modules\`
(CodeSize fell from ~2.7 MB to 48 KB). The handler module requires \`zod\`, so from ${isoSeconds(liveAt)} every cold start fails with
\`Runtime.ImportModuleError\`; Lambda retries the init inside each invocation, fails again and returns the error, and API Gateway
answers 502 on \`/accounts\` routes. \`/sessions\` routes (sessions-fn) keep working. Alarm at ${isoSeconds(stateChange)}.

- API: REST \`${api.name}\` (\`${api.id}\`), stage \`prod\`; ${api.region}. Functions: nodejs20.x, **text** log format.
- Expected: \`lambda-init-error\`, ${frame.failing.length} failing requests.

**Files.** \`alarm.json\`: EventBridge event. \`logs/API-Gateway-Execution-Logs_${api.id}/prod.json\`: \`filter-log-events\` (INFO, data trace on) for
the failing requests of the first 4 minutes only; the error message spans lines inside one event. \`logs/aws/apigateway/${api.id}/prod/access.jsonl\`:
JSON Lines with \`@timestamp\`/\`@message\` keys holding the **XML** access log format. \`logs/aws/lambda/*.log\`: plain messages, one a line
(\`Unknown application error occurred\\nRuntime.ImportModuleError\` continues on the next line without a time).

**Noise.** sessions-fn traffic with 401s, WARN lines, healthy accounts-fn traffic before the deploy.

**Where the shapes come from.**
- ${SOURCES.initError}
- ${SOURCES.executionLog}
- ${SOURCES.lambdaPlatform}
- ${SOURCES.nodeText}
- ${SOURCES.restAccess}
- ${SOURCES.alarmEventBridge}
- ${SOURCES.cloudtrail}
- ${SOURCES.cli}
`);
  return bundle;
}
