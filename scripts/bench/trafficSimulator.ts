/**
 * One API request at a time, as the three layers log it: REST execution log lines (INFO, no data
 * trace), the access log record in the stage's JSON format, and the Lambda function's own log
 * (Node.js text format, START/END/REPORT). Line texts and their order are copied from the bundles
 * in events/incidents (rest-lambda-timeout, rest-lambda-unhandled-error-node) and the catalogues
 * shared/parsers/API_GATEWAY_LOG_SHAPES.md and LAMBDA_AND_XRAY_SHAPES.md.
 */
import {
  ACCOUNT,
  API_ID,
  FAILURE_RATE,
  FUNCTIONS,
  LAMBDA_RUNTIME_VERSION,
  LAMBDA_RUNTIME_VERSION_ARN,
  REGION,
  ROUTES,
  STAGE,
  type FailureKind,
  type FunctionKey,
  type FunctionSpec,
  type RouteSpec,
  type Timeline,
} from './benchScenario.ts';
import type { EventScheduler } from './eventScheduler.ts';
import { EnvironmentPool } from './lambdaEnvironments.ts';
import type { LogWriter } from './logWriters.ts';
import type { Rng } from './rng.ts';

export interface TrafficSinks {
  /** The execution log writer of one of the stage's streams. */
  execution: (streamIndex: number) => LogWriter;
  executionStreams: readonly string[];
  access: LogWriter;
  lambda: Record<FunctionKey, LogWriter>;
}

/** What was generated, to check the diagnosis against. */
export interface GeneratedTruth {
  requests: number;
  failing: Record<FailureKind, number>;
  byStatus: Record<string, number>;
  firstFailure?: number;
  lastFailure?: number;
}

/** What the function did with one invocation. */
interface Outcome {
  status: number;
  durationMs: number;
  responseLength: number;
  failure?: FailureKind;
  /** Lines the code wrote: [ms after START, level, text]. */
  lines: [number, 'INFO' | 'WARN' | 'ERROR', string][];
  /** REPORT's "Status: ..." (newer runtimes). */
  reportStatus?: string;
  /** Execution log line for a failed invocation ("Lambda execution failed ..."), else the request succeeded at the gateway. */
  gatewayError?: string;
}

const IP_PREFIXES = ['192.0.2.', '198.51.100.', '203.0.113.', '100.24.18.', '54.239.98.', '81.2.69.'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** $context.requestTime: 10/Mar/2026:13:48:09 +0000 */
function clfTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function lambdaUri(fn: FunctionSpec): string {
  return `https://lambda.${REGION}.amazonaws.com/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn.name}/invocations`;
}

// Node's TypeError in checkout-fn's new coupon code, as the runtime's "Invoke Error" line prints it
// (aws-lambda-nodejs-runtime-interface-client src/Errors.js; the same shape in rest-lambda-unhandled-error-*).
const TYPE_ERROR_MESSAGE = "Cannot read properties of undefined (reading 'code')";
const TYPE_ERROR_DOCUMENT = JSON.stringify({
  errorType: 'TypeError',
  errorMessage: TYPE_ERROR_MESSAGE,
  stack: [
    `TypeError: ${TYPE_ERROR_MESSAGE}`,
    '    at applyCoupon (file:///var/task/src/checkout/coupons.mjs:57:29)',
    '    at priceCart (file:///var/task/src/checkout/pricing.mjs:112:19)',
    '    at async createOrder (file:///var/task/src/checkout/orders.mjs:38:21)',
    '    at async Runtime.handler (file:///var/task/index.mjs:19:20)',
  ],
});

/**
 * console.error('stock lookup failed', err) of an AWS SDK v3 DynamoDB error in Node 20 (util.inspect):
 * stack through /var/runtime/node_modules/@aws-sdk and @smithy, then '$fault' and '$metadata'
 * (shape of a Lambda-logged SDK v3 error found in a public repo's issue paste; message text is
 * DynamoDB's own for ProvisionedThroughputExceededException). The __type line is composed.
 */
function throttleError(rng: Rng): string {
  const requestId = Array.from({ length: 52 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[rng.int(36)]).join('');
  return [
    'stock lookup failed ProvisionedThroughputExceededException: The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
    '    at throwDefaultError (/var/runtime/node_modules/@aws-sdk/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)',
    '    at /var/runtime/node_modules/@aws-sdk/node_modules/@smithy/smithy-client/dist-cjs/index.js:876:5',
    '    at de_CommandError (/var/runtime/node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js:2266:14)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at async /var/runtime/node_modules/@aws-sdk/node_modules/@smithy/middleware-serde/dist-cjs/index.js:35:20',
    '    at async /var/runtime/node_modules/@aws-sdk/node_modules/@smithy/core/dist-cjs/index.js:165:18',
    '    at async /var/runtime/node_modules/@aws-sdk/node_modules/@smithy/middleware-retry/dist-cjs/index.js:320:38',
    '    at async /var/runtime/node_modules/@aws-sdk/middleware-logger/dist-cjs/index.js:34:22',
    '    at async getStock (file:///var/task/src/stock.mjs:31:20)',
    '    at async Runtime.handler (file:///var/task/index.mjs:14:19) {',
    "  '$fault': 'client',",
    "  '$metadata': {",
    '    httpStatusCode: 400,',
    `    requestId: '${requestId}',`,
    '    extendedRequestId: undefined,',
    '    cfId: undefined,',
    '    attempts: 3,',
    `    totalRetryDelay: ${rng.between(180, 420)}`,
    '  },',
    "  __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException'",
    '}',
  ].join('\n');
}

export class TrafficSimulator {
  readonly truth: GeneratedTruth = {
    requests: 0,
    failing: { timeout: 0, 'type-error': 0, 'dynamodb-throttle': 0 },
    byStatus: {},
  };
  private readonly pools: Record<FunctionKey, EnvironmentPool>;
  private readonly cumulativeWeights: number[];

  constructor(
    private readonly rng: Rng,
    private readonly scheduler: EventScheduler,
    private readonly sinks: TrafficSinks,
    private readonly timeline: Timeline,
  ) {
    this.pools = {
      orders: new EnvironmentPool(rng),
      checkout: new EnvironmentPool(rng),
      inventory: new EnvironmentPool(rng),
      catalog: new EnvironmentPool(rng),
    };
    let sum = 0;
    this.cumulativeWeights = ROUTES.map((r) => (sum += r.weight));
  }

  /** Simulates one request arriving at `arrival` (requests must come in time order). */
  request(arrival: number): void {
    this.scheduler.releaseBefore(arrival);
    const rng = this.rng;
    const route = this.pickRoute();
    const fn = FUNCTIONS[route.fn];
    const requestId = rng.uuid();
    const lambdaRequestId = rng.uuid();
    const traceId = `1-${Math.floor(arrival / 1000).toString(16)}-${rng.hex(24)}`;
    const streamIndex = rng.int(this.sinks.executionStreams.length);
    const execWriter = this.sinks.execution(streamIndex);
    const execStream = this.sinks.executionStreams[streamIndex] ?? '';
    const exec = (t: number, text: string) => this.scheduler.schedule(execWriter, { timestamp: t, message: `(${requestId}) ${text}`, logStream: execStream });

    const { path, pathParams } = this.pathOf(route);
    const routeKey = `${route.method} ${route.resource}`;
    const uri = lambdaUri(fn);
    exec(arrival, `Extended Request Id: ${rng.extendedId()}`);
    exec(arrival, `Verifying Usage Plan for request: ${requestId}. API Key:  API Stage: ${API_ID}/${STAGE}`);
    exec(arrival + 1, `API Key  authorized because method '${routeKey}' does not require API Key. Request will not contribute to throttle or quota limits`);
    exec(arrival + 1, `Usage Plan check succeeded for API Key  and API Stage ${API_ID}/${STAGE}`);
    exec(arrival + 1, `Starting execution for request: ${requestId}`);
    exec(arrival + 1, `HTTP Method: ${route.method}, Resource Path: ${path}`);
    exec(arrival + 1, `Method request path: ${pathParams}`);
    exec(arrival + 1, 'Method request query string: {}');
    exec(arrival + 1, `Endpoint request URI: ${uri}`);
    const sent = arrival + 2;
    exec(sent, `Sending request to ${uri}`);

    const outcome = this.invoke(route, fn, arrival, lambdaRequestId);
    const invocation = this.runInvocation(fn, sent + rng.between(2, 6), lambdaRequestId, traceId, outcome);
    const received = invocation.end + rng.between(3, 12);
    exec(received, `Received response. Status: 200, Integration latency: ${received - sent} ms`);
    exec(received, outcome.gatewayError ?? 'Successfully completed execution');
    exec(received, `Method completed with status: ${outcome.status}`);
    exec(received, `AWS Integration Endpoint RequestId : ${lambdaRequestId}`);
    exec(received, `X-ray Tracing ID : ${traceId}`);

    const ip = `${rng.pick(IP_PREFIXES)}${rng.between(2, 250)}`;
    const accessMessage =
      `{ "requestId":"${requestId}", "extendedRequestId":"${rng.extendedId()}","ip": "${ip}", "caller":"-", "user":"-", ` +
      `"requestTime":"${clfTime(arrival)}", "httpMethod":"${route.method}", "resourcePath":"${route.resource}", "status":"${outcome.status}", ` +
      `"protocol":"HTTP/1.1", "responseLength":"${outcome.responseLength}", "integrationLatency":"${received - sent}", ` +
      `"integrationStatus":"200", "xrayTraceId":"${traceId}" }`;
    this.scheduler.schedule(this.sinks.access, { timestamp: received + rng.between(1, 3), message: accessMessage, logStream: `${API_ID}-${STAGE}` });

    const truth = this.truth;
    truth.requests++;
    truth.byStatus[outcome.status] = (truth.byStatus[outcome.status] ?? 0) + 1;
    if (outcome.failure) {
      truth.failing[outcome.failure]++;
      truth.firstFailure = Math.min(truth.firstFailure ?? arrival, arrival);
      truth.lastFailure = Math.max(truth.lastFailure ?? arrival, arrival);
    }
  }

  private pickRoute(): RouteSpec {
    const x = this.rng.next() * (this.cumulativeWeights[this.cumulativeWeights.length - 1] ?? 1);
    const at = this.cumulativeWeights.findIndex((w) => x < w);
    return ROUTES[at < 0 ? ROUTES.length - 1 : at] as RouteSpec;
  }

  private pathOf(route: RouteSpec): { path: string; pathParams: string } {
    const rng = this.rng;
    if (route.resource === '/orders/{id}') {
      const id = String(rng.between(300000, 399999));
      return { path: `/orders/${id}`, pathParams: `{id=${id}}` };
    }
    if (route.resource.endsWith('{sku}')) {
      const sku = `SKU-${rng.between(1000, 9999)}`;
      return { path: route.resource.replace('{sku}', sku), pathParams: `{sku=${sku}}` };
    }
    return { path: route.resource, pathParams: '{}' };
  }

  /** What the function does with this request, given where in the incident it arrives. */
  private invoke(route: RouteSpec, fn: FunctionSpec, arrival: number, lambdaRequestId: string): Outcome {
    const rng = this.rng;
    const incident = arrival >= this.timeline.onset;
    const customer = `cus_${rng.hex(10)}`;
    switch (route.fn) {
      case 'orders': {
        const orderId = rng.between(300000, 399999);
        const lines: Outcome['lines'] = [[2, 'INFO', `getOrder orderId=${orderId} customer=${customer}`]];
        if (rng.chance(0.02)) {
          const at = rng.between(20, 60);
          lines.push([at, 'INFO', `order ${orderId} not found`]);
          return { status: 404, durationMs: at + rng.between(2, 8) + rng.next(), responseLength: 32, lines };
        }
        if (rng.chance(FAILURE_RATE.timeout)) {
          // A customer with a long order history: 6.5-10.5 s of paging, past the new 6 s timeout.
          const orders = rng.between(900, 2600);
          lines.push([43, 'INFO', `loading order history for ${customer} (${orders} orders)`]);
          if (rng.chance(0.25)) lines.push([rng.between(3500, 5800), 'WARN', `order-history page 3/5 took ${rng.between(1400, 1900)} ms (customer=${customer})`]);
          if (incident) {
            return {
              status: 502,
              durationMs: fn.timeoutSeconds * 1000,
              responseLength: 36,
              lines,
              failure: 'timeout',
              reportStatus: 'timeout',
              gatewayError: `Lambda execution failed with status 200 due to customer function error: RequestId: ${lambdaRequestId} Error: Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds. Lambda request id: ${lambdaRequestId}`,
            };
          }
          const duration = rng.between(6500, 10500) + rng.next();
          lines.push([Math.floor(duration) - 2, 'INFO', `returning order ${orderId} with ${rng.between(1, 9)} items`]);
          return { status: 200, durationMs: duration, responseLength: rng.between(120, 180), lines };
        }
        const duration = rng.between(90, 900) + rng.next();
        lines.push([Math.floor(duration) - 2, 'INFO', `returning order ${orderId} with ${rng.between(1, 9)} items`]);
        return { status: 200, durationMs: duration, responseLength: rng.between(120, 180), lines };
      }
      case 'checkout': {
        const items = rng.between(1, 6);
        const withCoupon = !rng.chance(FAILURE_RATE['type-error']);
        const lines: Outcome['lines'] = [[3, 'INFO', `createOrder customer=${customer} items=${items} coupon=${withCoupon ? `SPRING${rng.between(10, 30)}` : 'none'}`]];
        if (rng.chance(0.01)) {
          const at = rng.between(8, 20);
          lines.push([at, 'WARN', 'validation failed: items[0].quantity must be a positive integer']);
          return { status: 400, durationMs: at + rng.between(2, 10) + rng.next(), responseLength: 71, lines };
        }
        if (!withCoupon && incident) {
          const duration = rng.between(40, 140) + rng.next();
          lines.push([Math.floor(duration) - 1, 'ERROR', `Invoke Error \t${TYPE_ERROR_DOCUMENT}`]);
          return {
            status: 502,
            durationMs: duration,
            responseLength: 36,
            lines,
            failure: 'type-error',
            gatewayError: `Lambda execution failed with status 200 due to customer function error: ${TYPE_ERROR_MESSAGE}. Lambda request id: ${lambdaRequestId}`,
          };
        }
        const duration = rng.between(180, 650) + rng.next();
        lines.push([Math.floor(duration) - 3, 'INFO', `order ord_${rng.hex(12)} created total=${rng.between(12, 480)}.${rng.between(10, 99)} EUR`]);
        return { status: 201, durationMs: duration, responseLength: 64, lines };
      }
      case 'inventory': {
        const sku = `SKU-${rng.between(1000, 9999)}`;
        const warehouse = rng.pick(['fra1', 'dub2', 'iad4']);
        const lines: Outcome['lines'] = [[2, 'INFO', `stock lookup sku=${sku} warehouse=${warehouse}`]];
        if (incident && rng.chance(FAILURE_RATE['dynamodb-throttle'])) {
          // The SDK retried (attempts: 3) before giving up; the function answers 503 itself.
          const duration = rng.between(260, 640) + rng.next();
          lines.push([Math.floor(duration) - 2, 'ERROR', throttleError(rng)]);
          return { status: 503, durationMs: duration, responseLength: 47, lines, failure: 'dynamodb-throttle' };
        }
        const duration = rng.between(12, 80) + rng.next();
        lines.push([Math.floor(duration) - 1, 'INFO', `sku=${sku} available=${rng.between(0, 400)} reserved=${rng.between(0, 30)}`]);
        return { status: 200, durationMs: duration, responseLength: rng.between(60, 90), lines };
      }
      case 'catalog': {
        const sku = `SKU-${rng.between(1000, 9999)}`;
        const duration = rng.between(5, 40) + rng.next();
        return { status: 200, durationMs: duration, responseLength: rng.between(50, 70), lines: [[2, 'INFO', `GET /products/${sku} cache=${rng.chance(0.8) ? 'hit' : 'miss'}`]] };
      }
    }
  }

  /** Writes START, the code's lines, END and REPORT (and INIT_START on a cold start); returns when it ended. */
  private runInvocation(fn: FunctionSpec, at: number, requestId: string, traceId: string, outcome: Outcome): { end: number } {
    const rng = this.rng;
    const writer = this.sinks.lambda[fn.key];
    const { environment, cold } = this.pools[fn.key].acquire(at);
    const logStream = environment.stream;
    const emit = (t: number, message: string) => this.scheduler.schedule(writer, { timestamp: t, message, logStream });
    let start = at;
    let initMs: number | undefined;
    if (cold) {
      emit(at, `INIT_START Runtime Version: ${LAMBDA_RUNTIME_VERSION}\tRuntime Version ARN: ${LAMBDA_RUNTIME_VERSION_ARN}\n`);
      initMs = rng.between(160, 420) + rng.next();
      start = at + Math.ceil(initMs);
    }
    emit(start, `START RequestId: ${requestId} Version: $LATEST\n`);
    for (const [offset, level, text] of outcome.lines) emit(start + offset, `${iso(start + offset)}\t${requestId}\t${level}\t${text}\n`);
    const end = start + Math.ceil(outcome.durationMs);
    environment.freeAt = end + 1;
    emit(end, `END RequestId: ${requestId}\n`);
    const billed = Math.ceil(outcome.durationMs + (initMs ?? 0));
    const used = Math.min(fn.memoryMb, rng.between(78, 118));
    emit(
      end,
      `REPORT RequestId: ${requestId}\tDuration: ${outcome.durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${fn.memoryMb} MB\t` +
        `Max Memory Used: ${used} MB\t${initMs !== undefined ? `Init Duration: ${initMs.toFixed(2)} ms\t` : ''}` +
        `${outcome.reportStatus ? `Status: ${outcome.reportStatus}\n` : '\n'}XRAY TraceId: ${traceId}\tSegmentId: ${rng.hex(16)}\tSampled: true\t\n`,
    );
    return { end };
  }
}
