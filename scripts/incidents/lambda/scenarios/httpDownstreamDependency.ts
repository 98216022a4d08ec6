import { Bundle } from '../bundle.ts';
import { functionSpec, writeFunctionConfig } from '../common.ts';
import { alarmSnsMessage, cloudTrailLookup, httpDeployments, httpExport, httpStage, metricData } from '../context.ts';
import { apiId, hex } from '../ids.ts';
import { apiGatewayMetrics } from '../kit.ts';
import type { ApiIdentity, AppLog, ErrorInfo } from '../model.ts';
import { accessLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, idPath, nodeProxyResponse, round2 } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';

/**
 * The PostgreSQL instance behind tracking-fn is rebooted during business hours; for several minutes connections are
 * refused. tracking-fn (Node.js 20 in a VPC) catches "connect ECONNREFUSED 10.0.12.48:5432", logs it and returns 502.
 */
export function buildHttpDownstreamDependency(): Bundle {
  const name = 'http-downstream-dependency-failure';
  const rng = createRng(seedFromName(name));
  const api: ApiIdentity = { id: apiId(rng), name: 'tracking-http', type: 'HTTP', stage: 'live', region: 'eu-central-1', account: '318840265091' };
  const reboot = Date.UTC(2026, 11, 15, 10, 6, 12);
  const down = reboot + 3_000;
  const from = reboot - 4 * MINUTE;
  const to = reboot + 12 * MINUTE;
  const tracking = functionSpec(api, { name: 'tracking-fn', runtime: 'nodejs20.x', runtimeVersion: 'nodejs:20.v48', handler: 'src/handler.main', memorySizeMb: 512, timeoutSeconds: 10, initMs: [380, 640] });
  const pool = new EnvironmentPool(rng, tracking, 4, from);
  const dbIp = '10.0.12.48';
  const refused: ErrorInfo = {
    type: 'Error',
    message: `connect ECONNREFUSED ${dbIp}:5432`,
    stack: [`Error: connect ECONNREFUSED ${dbIp}:5432`, '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)'],
    code: 'ECONNREFUSED',
    props: { errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address: dbIp, port: 5432 },
  };

  const requests = simulateTraffic(rng, api, { from, to, perMinute: 8 }, [
    {
      route: { method: 'GET', resourcePath: '/parcels/{trackingNumber}', makePath: idPath('/parcels', 'trackingNumber', (r) => `1Z${hex(r, 16).toUpperCase()}`) },
      weight: 85,
      handle: (ctx) => {
        const r = ctx.rng;
        const tn = ctx.shell.pathParameters['trackingNumber'] ?? '';
        const logs: AppLog[] = [{ offsetMs: 1, level: 'INFO', text: `lookup parcel ${tn}` }];
        const cached = r.chance(0.6);
        if (cached) {
          logs.push({ offsetMs: 2, level: 'INFO', text: `parcel ${tn} served from cache (age ${r.int(3, 55)} s)` });
          return viaLambda(ctx, tracking, pool, { durationMs: round2(r.float(1.5, 4)), end: { kind: 'success' }, appLogs: logs, response: payloadResponse(nodeProxyResponse(200, { events: [] })) });
        }
        if (ctx.time >= down) {
          const retry = r.chance(0.5);
          if (retry) logs.push({ offsetMs: 4, level: 'WARN', text: 'pg pool: connection attempt 1/2 failed, retrying in 100 ms' });
          logs.push({ offsetMs: retry ? 110 : 5, level: 'ERROR', text: 'db query failed', error: refused });
          return viaLambda(ctx, tracking, pool, { durationMs: round2(retry ? r.float(112, 130) : r.float(5, 12)), end: { kind: 'success' }, appLogs: logs, response: payloadResponse(nodeProxyResponse(502, { message: 'tracking temporarily unavailable' })) });
        }
        const unknown = r.chance(0.08);
        logs.push({ offsetMs: r.int(6, 20), level: 'INFO', text: unknown ? 'no such parcel' : `parcel ${tn} status=${r.pick(['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED'])}` });
        return viaLambda(ctx, tracking, pool, { durationMs: round2(r.float(9, 40)), end: { kind: 'success' }, appLogs: logs, response: payloadResponse(unknown ? nodeProxyResponse(404, { message: 'unknown tracking number' }) : nodeProxyResponse(200, { events: [] })) });
      },
    },
    {
      route: { method: 'GET', resourcePath: '/carriers', makePath: (r) => { void r; return { path: '/carriers', params: {} }; } },
      weight: 15,
      handle: (ctx) => viaLambda(ctx, tracking, pool, { durationMs: round2(ctx.rng.float(1, 3)), end: { kind: 'success' }, appLogs: [{ offsetMs: 0, level: 'INFO', text: 'carriers from static config' }], response: payloadResponse(nodeProxyResponse(200, ['ups', 'dhl', 'dpd'])) }),
    },
  ]);

  const frame = frameIncident(rng, api, requests, { threshold: 3, evaluationPeriods: 2, onset: down, alarmName: 'tracking-http-live-5xx', description: 'tracking-http live 5xx >= 3/min', topic: 'tracking-alerts' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = invocationsOf(kept);
  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmSnsMessage(frame.alarm));
  const accessFormat = '{"requestId":"$context.requestId","requestTime":"$context.requestTime","routeKey":"$context.routeKey","path":"$context.path","status":"$context.status","responseLatency":"$context.responseLatency","lambdaStatus":"$context.integration.integrationStatus","functionStatus":"$context.integration.status","lambdaRequestId":"$context.integration.requestId","integrationError":"$context.integrationErrorMessage","sourceIp":"$context.identity.sourceIp"}';
  const accessGroup = '/aws/http-api/tracking-http/live';
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, accessFormat, accessGroup, 2), 'filter-log-events', api.account);
  writeLogFile(bundle, rng, tracking.logGroup, until(lambdaLogs(invocations, 'node-text', api.region), cutoff), 'jsonl-at', api.account);
  const deploymentId = hex(rng, 6);
  bundle.json('api/stage.json', httpStage({ stageName: api.stage, deploymentId, accessLogFormat: accessFormat, accessLogDestinationArn: `arn:aws:logs:${api.region}:${api.account}:log-group:${accessGroup}`, createdDate: Date.UTC(2025, 8, 8, 8, 8, 8), lastUpdatedDate: Date.UTC(2026, 11, 1, 9, 0, 0), autoDeploy: false }));
  bundle.json('api/deployments.json', httpDeployments([{ id: deploymentId, description: 'tracking 1.42.0', createdDate: Date.UTC(2026, 11, 1, 8, 59, 55), autoDeployed: false }]));
  bundle.json('api/export.json', httpExport({ apiId: api.id, title: api.name, region: api.region, version: Date.UTC(2026, 11, 1, 8, 59, 55), routes: [
    { method: 'GET', path: '/parcels/{trackingNumber}', functionArn: tracking.arn, parameters: ['trackingNumber'] },
    { method: 'GET', path: '/carriers', functionArn: tracking.arn },
  ] }));
  writeFunctionConfig(bundle, rng, api, tracking, { logFormat: 'Text', lastModified: Date.UTC(2026, 11, 1, 8, 57, 30), environment: { PGHOST: 'tracking-db.c8x2kq4mrz1v.eu-central-1.rds.amazonaws.com', PGDATABASE: 'tracking', PGPORT: '5432' }, vpc: { subnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-0f1e2d3c4b5a69788'], securityGroupIds: ['sg-03c9e1a2b4d6f8071'], vpcId: 'vpc-0d2f4a6c8e0b13579' } });
  bundle.json('metrics/apigateway.json', metricData(apiGatewayMetrics(kept, api, from, cutoff)));
  bundle.json('changes/cloudtrail.json', cloudTrailLookup(rng, [{
    time: reboot, eventName: 'RebootDBInstance', eventSource: 'rds.amazonaws.com', region: api.region, account: api.account,
    username: 'lukas.brandt', roleName: 'AWSReservedSSO_DatabaseAdmin_6e2b9d0f4c1a7358', userAgent: 'console.amazonaws.com', sourceIp: '81.2.69.160',
    requestParameters: { dBInstanceIdentifier: 'tracking-db', forceFailover: false }, responseElements: { dBInstanceIdentifier: 'tracking-db', dBInstanceStatus: 'rebooting', multiAZ: false, engine: 'postgres', engineVersion: '16.4' },
    resources: [{ type: 'AWS::RDS::DBInstance', name: `arn:aws:rds:${api.region}:${api.account}:db:tracking-db` }],
  }]));

  bundle.expected({
    rootCause: 'downstream-dependency-failure',
    findings: ['downstream-dependency-failure'],
    failingRequests: frame.failing.length,
    api: { id: api.id, stage: api.stage, type: 'HTTP' },
    notes: `RebootDBInstance of the single-AZ tracking-db at ${isoSeconds(reboot)} (console). tracking-fn logs "ERROR db query failed Error: connect ECONNREFUSED ${dbIp}:5432 … { errno: -111, code: 'ECONNREFUSED', syscall: 'connect', … }" and returns 502 itself (functionStatus 502, lambdaStatus 200, integrationError "-"). Alternative: function-error-response. Noise: cache hits (60 % of lookups never touch the database), 404s, WARN retry lines, /carriers traffic.`,
  });
  bundle.readme(`
# http-downstream-dependency-failure

**What happened.** At ${isoSeconds(reboot)} a DBA rebooted the single-AZ PostgreSQL instance \`tracking-db\` from the console. While it restarts,
connections from \`tracking-fn\` (in the VPC) are refused: the function catches \`Error: connect ECONNREFUSED ${dbIp}:5432\`, logs it with
\`console.error('db query failed', err)\` and returns 502 \`tracking temporarily unavailable\`. The HTTP API passes the 502 on. Alarm (SNS) at ${isoSeconds(stateChange)}.

- API: HTTP API \`${api.name}\` (\`${api.id}\`), stage \`live\`; ${api.region}. Function: nodejs20.x, text log format, VPC-attached.
- Expected: \`downstream-dependency-failure\` (alternative \`function-error-response\`), ${frame.failing.length} failing requests.

**Files.** \`alarm.json\`: SNS message. \`logs/aws/http-api/tracking-http/live.json\`: \`filter-log-events\` of an access log with custom field names
(\`lambdaStatus\` = \`$context.integration.integrationStatus\`, \`functionStatus\` = \`$context.integration.status\`). \`logs/aws/lambda/tracking-fn.jsonl\`:
JSON Lines (\`@timestamp\`/\`@message\`); the error's stack and properties are in the same event. \`changes/cloudtrail.json\`: RebootDBInstance.

**Noise.** lookups served from the cache (60 %), 404s, WARN lines of the pg pool retrying, \`GET /carriers\` answered from static config.

**Where the shapes come from.**
- ${SOURCES.nodeText} \`util.format(msg, err)\` prints the stack then the error's own properties (\`{ errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address, port }\`) as Node prints socket errors.
- ${SOURCES.httpApiAccess}
- ${SOURCES.alarmSns}
- ${SOURCES.cloudtrail} RDS RebootDBInstance (rds.amazonaws.com).
- ${SOURCES.cli}
`);
  return bundle;
}
