import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseLambdaLogLine, looksLikeLambdaLog, lambdaRequestIdOf } from './parseLambdaLogLine.ts';

// Every fixture line below is copied from a public source (named beside it); catalogue: LAMBDA_AND_XRAY_SHAPES.md.

describe('START / END / REPORT', () => {
  it('reads START with its version and END', () => {
    // github.com/alexa-samples/skill-sample-nodejs-smarthome-switch/issues/18
    expect(parseLambdaLogLine('START RequestId: 160788cd-45ff-4583-809f-c7e31127cb95 Version: $LATEST')).toEqual({
      kind: 'start',
      requestId: '160788cd-45ff-4583-809f-c7e31127cb95',
      version: '$LATEST',
    });
    expect(parseLambdaLogLine('END RequestId: 160788cd-45ff-4583-809f-c7e31127cb95')).toEqual({
      kind: 'end',
      requestId: '160788cd-45ff-4583-809f-c7e31127cb95',
    });
  });

  it('reads START split over two lines (pasted Rust function log)', () => {
    // Rust-on-Lambda blog post in a public repo (index id 11936734633)
    expect(parseLambdaLogLine('START RequestId: 2b0a5ad0\nVersion: $LATEST')).toEqual({ kind: 'start', requestId: '2b0a5ad0', version: '$LATEST' });
  });

  it('reads every REPORT field, tab separated with a trailing tab (2020 format)', () => {
    // github.com/alexa-samples/skill-sample-nodejs-smarthome-switch/issues/18
    const line = 'REPORT RequestId: 160788cd-45ff-4583-809f-c7e31127cb95\tDuration: 3071.27 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 21 MB\t';
    expect(parseLambdaLogLine(line)).toEqual({
      kind: 'report',
      requestId: '160788cd-45ff-4583-809f-c7e31127cb95',
      durationMs: 3071.27,
      billedDurationMs: 3000,
      memorySizeMb: 128,
      maxMemoryUsedMb: 21,
    });
  });

  it('reads Init Duration and the XRAY line Lambda appends to the same event', () => {
    // CloudWatch output pasted in a public repo (index id 56579806195)
    const line =
      'REPORT RequestId: b92a770e-7c92-4a13-84e3-613428ff991f\tDuration: 3.10 ms\tBilled Duration: 546 ms\tMemory Size: 2048 MB\tMax Memory Used: 95 MB\tInit Duration: 542.01 ms\t\nXRAY TraceId: 1-6a507b87-0cc4438344b48ef127ab1931\tSegmentId: d0025b207c551fde\tSampled: true\t';
    expect(parseLambdaLogLine(line)).toEqual({
      kind: 'report',
      requestId: 'b92a770e-7c92-4a13-84e3-613428ff991f',
      durationMs: 3.1,
      billedDurationMs: 546,
      memorySizeMb: 2048,
      maxMemoryUsedMb: 95,
      initDurationMs: 542.01,
      xrayTraceId: '1-6a507b87-0cc4438344b48ef127ab1931',
    });
  });

  it('reads Status: error and Error Type on REPORT (newer runtimes)', () => {
    // Lambda console "Function Logs" pasted in a public repo (index id 47362146931)
    const line =
      'REPORT RequestId: f8400400-dd9e-4025-b644-4c78df3287c7\tDuration: 1338.34 ms\tBilled Duration: 1339 ms\tMemory Size: 128 MB\tMax Memory Used: 71 MB\tStatus: error\tError Type: Runtime.UserCodeSyntaxError';
    expect(parseLambdaLogLine(line)).toMatchObject({ kind: 'report', status: 'error', errorType: 'Runtime.UserCodeSyntaxError', durationMs: 1338.34 });
  });

  it('reads an out-of-memory REPORT (Max Memory Used = Memory Size, Runtime.OutOfMemory)', () => {
    // terraform comment quoting CloudWatch, public repo (index id 27362830499), tabs as Lambda writes them
    const line =
      'REPORT RequestId: 806ab12b-e660-4a4a-8d9a-eee01e457f98\tDuration: 376256.59 ms\tBilled Duration: 376257 ms\tMemory Size: 10239 MB\tMax Memory Used: 10239 MB\tInit Duration: 551.73 ms\tStatus: error\tError Type: Runtime.OutOfMemory';
    expect(parseLambdaLogLine(line)).toEqual({
      kind: 'report',
      requestId: '806ab12b-e660-4a4a-8d9a-eee01e457f98',
      durationMs: 376256.59,
      billedDurationMs: 376257,
      memorySizeMb: 10239,
      maxMemoryUsedMb: 10239,
      initDurationMs: 551.73,
      status: 'error',
      errorType: 'Runtime.OutOfMemory',
    });
  });

  it('reads Status: timeout on REPORT followed by the XRAY line', () => {
    // runbook quoting a tool function's REPORT, public repo (index id 71175656459); request id completed
    const line =
      'REPORT RequestId: 03d81525-6f2e-4d4a-9a55-0c8d2b1f7e10\tDuration: 10000.00 ms\tBilled Duration: 10938 ms\tMemory Size: 256 MB\tMax Memory Used: 90 MB\tStatus: timeout\nXRAY TraceId: 1-6ab63207-155b540a1949e1293f3b946a\tSampled: true';
    expect(parseLambdaLogLine(line)).toMatchObject({
      kind: 'report',
      durationMs: 10000,
      status: 'timeout',
      xrayTraceId: '1-6ab63207-155b540a1949e1293f3b946a',
    });
  });

  it('reads REPORT pasted with spaces instead of tabs, and the SnapStart Restore Duration', () => {
    // sam logs output, public repo (index id 5046171012)
    const spaced =
      'REPORT RequestId: d683b1f7-ac35-4066-ae77-b6ab12a6fb32  Duration: 978.56 ms     Billed Duration: 979 ms Memory Size: 256 MB        Max Memory Used: 95 MB  Init Duration: 720.71 ms';
    expect(parseLambdaLogLine(spaced)).toMatchObject({ durationMs: 978.56, billedDurationMs: 979, memorySizeMb: 256, maxMemoryUsedMb: 95, initDurationMs: 720.71 });
    // SnapStart REPORT, test data in a public repo (index id 28503938680)
    const snapStart =
      'REPORT RequestId: 24addd09-6e64-49fb-b187-94ba9b60b59a Duration: 127.10 ms Billed Duration: 154 ms Memory Size: 2048 MB Max Memory Used: 212 MB Restore Duration: 325.93 ms Billed Restore Duration: 26 ms XRAY TraceId: 1-66d978e5-56c7378e556e94b5461da07c SegmentId: 29c3839e6ecb5895 Sampled: true';
    const report = parseLambdaLogLine(snapStart);
    expect(report).toMatchObject({ kind: 'report', durationMs: 127.1, billedDurationMs: 154, xrayTraceId: '1-66d978e5-56c7378e556e94b5461da07c' });
    expect(report).not.toHaveProperty('initDurationMs');
  });

  it('does not read Billed/Init Duration as Duration when a copy lost the Duration field', () => {
    const record = parseLambdaLogLine('REPORT RequestId: 5b2a8e39-4c1d-4b8e-9f1a-6f0c1d2e3a4b\tBilled Duration: 100 ms\tInit Duration: 136.98 ms');
    expect(record).toEqual({ kind: 'report', requestId: '5b2a8e39-4c1d-4b8e-9f1a-6f0c1d2e3a4b', billedDurationMs: 100, initDurationMs: 136.98 });
  });

  it('keeps a REPORT without a request id as a platform line instead of inventing one', () => {
    // hand-edited REPORT quoted in a public repo (index id 60944377623)
    expect(parseLambdaLogLine('REPORT Duration: 1853.84 ms Init Duration: 470.23 ms Max Memory Used: 110 MB')).toEqual({
      kind: 'platform',
      text: 'REPORT Duration: 1853.84 ms Init Duration: 470.23 ms Max Memory Used: 110 MB',
    });
  });
});

describe('timeouts', () => {
  it('reads "<time> <requestId> Task timed out after N seconds"', () => {
    // github.com/apex/up/issues/663
    expect(parseLambdaLogLine('2018-05-17T06:46:28.161Z fb63a8b6-599d-11e8-a437-911ac44bc0b4 Task timed out after 18.02 seconds')).toEqual({
      kind: 'platform',
      requestId: 'fb63a8b6-599d-11e8-a437-911ac44bc0b4',
      text: '2018-05-17T06:46:28.161Z fb63a8b6-599d-11e8-a437-911ac44bc0b4 Task timed out after 18.02 seconds',
      timeoutSeconds: 18.02,
    });
  });

  it('reads the bare older form and the RequestId-prefixed form', () => {
    // docs troubleshooting snippet, public repo (index id 67038418218)
    expect(parseLambdaLogLine('Task timed out after 30.00 seconds')).toEqual({ kind: 'platform', text: 'Task timed out after 30.00 seconds', timeoutSeconds: 30 });
    // invoke response errorMessage shape "RequestId: <id> Error: Task timed out after 3.00 seconds"
    expect(parseLambdaLogLine('RequestId: 5b2a8e39-4c1d-4b8e-9f1a-6f0c1d2e3a4b Error: Task timed out after 3.00 seconds')).toMatchObject({
      kind: 'platform',
      requestId: '5b2a8e39-4c1d-4b8e-9f1a-6f0c1d2e3a4b',
      timeoutSeconds: 3,
    });
  });

  it('does not take app text that merely mentions a timeout for the platform line', () => {
    const record = parseLambdaLogLine('2024-05-01T12:00:00.000Z\t5b2a8e39-4c1d-4b8e-9f1a-6f0c1d2e3a4b\tINFO\tupstream said: Task timed out after 3.00 seconds');
    expect(record).toMatchObject({ kind: 'app', level: 'INFO' });
  });
});

describe('runtime exits and out of memory', () => {
  it('reads "RequestId: x Error: Runtime exited with error: signal: killed" with Runtime.ExitError on the next line', () => {
    // Japanese troubleshooting guide, public repo (index id 14863649404), with the RequestId prefix Lambda writes
    const line = 'RequestId: 2f1c7a3e-8d4b-4c2a-9e1f-3b5d6a7c8e90 Error: Runtime exited with error: signal: killed\nRuntime.ExitError';
    expect(parseLambdaLogLine(line)).toEqual({ kind: 'platform', requestId: '2f1c7a3e-8d4b-4c2a-9e1f-3b5d6a7c8e90', text: line, errorType: 'Runtime.ExitError' });
  });

  it('reads exit status 1 and the pasted single-line form', () => {
    // Micronaut/GraalVM README, public repo (index id 19408983659)
    expect(parseLambdaLogLine('RequestId: 00c4bc44-e48e-4e7d-ab38-a47800cd734b Error: Runtime exited with error: exit status 1\nRuntime.ExitError')).toMatchObject({
      kind: 'platform',
      requestId: '00c4bc44-e48e-4e7d-ab38-a47800cd734b',
      errorType: 'Runtime.ExitError',
    });
    // test fixture in a public repo (index id 56129498940)
    expect(parseLambdaLogLine('RequestId: req-5 Error: Runtime exited with error: exit status 1 Runtime.ExitError')).toMatchObject({ requestId: 'req-5', errorType: 'Runtime.ExitError' });
  });

  it('reads the bare runtime-exit lines and "Unknown application error occurred"', () => {
    // several public troubleshooting notes (index ids 43929547653, 54978465333)
    expect(parseLambdaLogLine('Runtime exited with error: signal: killed')).toEqual({ kind: 'platform', text: 'Runtime exited with error: signal: killed' });
    // sam logs output, github FastAPI/Daily sample README (index id 819990948)
    expect(parseLambdaLogLine('Unknown application error occurred\nRuntime.Unknown')).toEqual({
      kind: 'platform',
      text: 'Unknown application error occurred\nRuntime.Unknown',
      errorType: 'Runtime.Unknown',
    });
    expect(parseLambdaLogLine('Runtime.OutOfMemory')).toEqual({ kind: 'platform', text: 'Runtime.OutOfMemory', errorType: 'Runtime.OutOfMemory' });
  });

  it("reads V8's heap-limit line as a FATAL app line", () => {
    // the message V8 prints (quoted in a CI log classifier test, index id 58882895958)
    const line = 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory';
    expect(parseLambdaLogLine(line)).toEqual({ kind: 'app', level: 'FATAL', text: line, errorMessage: 'Reached heap limit Allocation failed - JavaScript heap out of memory' });
    expect(looksLikeLambdaLog(line)).toBe(true);
  });

  it('reads Java OutOfMemoryError from an error document and from a thread dump line', () => {
    // Java runtime error document shape (awsdocs/aws-lambda-developer-guide doc_source/java-exceptions.md)
    expect(parseLambdaLogLine('{"errorMessage":"Java heap space","errorType":"java.lang.OutOfMemoryError"}')).toMatchObject({
      kind: 'app',
      level: 'ERROR',
      errorType: 'java.lang.OutOfMemoryError',
      errorMessage: 'Java heap space',
    });
    expect(parseLambdaLogLine('Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n\tat java.base/java.util.Arrays.copyOf(Unknown Source)')).toMatchObject({
      level: 'ERROR',
      errorType: 'java.lang.OutOfMemoryError',
      errorMessage: 'Java heap space',
      stackTrace: ['\tat java.base/java.util.Arrays.copyOf(Unknown Source)'],
    });
  });

  it('reads Python MemoryError from the runtime line', () => {
    // runtime format from awslambdaric/bootstrap.py log_error: "[ERROR] <type>" then the traceback
    expect(parseLambdaLogLine('[ERROR] MemoryError\nTraceback (most recent call last):\n\u00a0\u00a0File "/var/task/app.py", line 8, in handler\n\u00a0\u00a0\u00a0\u00a0data = bytearray(10**10)')).toEqual({
      kind: 'app',
      level: 'ERROR',
      text: 'MemoryError\nTraceback (most recent call last):\n\u00a0\u00a0File "/var/task/app.py", line 8, in handler\n\u00a0\u00a0\u00a0\u00a0data = bytearray(10**10)',
      errorType: 'MemoryError',
      stackTrace: ['  File "/var/task/app.py", line 8, in handler', '    data = bytearray(10**10)'],
    });
  });
});

describe('init', () => {
  it('reads INIT_START with the runtime version', () => {
    // sam logs output, FastAPI/Daily sample README (index id 819990948), tab as Lambda writes it
    expect(parseLambdaLogLine('INIT_START Runtime Version: python:3.11.v39\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:93e1685a33effc0cd2497a9a132c7328deb2e03b8a600ecae522c00fc95a1c8f')).toEqual({
      kind: 'init',
      phase: 'start',
      runtimeVersion: 'python:3.11.v39',
    });
  });

  it('reads INIT_REPORT errors in the init and the invoke phase', () => {
    // Lambda console Function Logs (index id 47362146931)
    expect(parseLambdaLogLine('INIT_REPORT Init Duration: 150.79 ms\tPhase: init\tStatus: error\tError Type: Runtime.UserCodeSyntaxError')).toEqual({
      kind: 'init',
      phase: 'report',
      durationMs: 150.79,
      status: 'error',
      errorType: 'Runtime.UserCodeSyntaxError',
      lambdaPhase: 'init',
    });
    // Micronaut README, pasted with spaces (index id 19408983659)
    expect(parseLambdaLogLine('INIT_REPORT Init Duration: 4.87 ms  Phase: invoke   Status: error   Error Type: Runtime.ExitError')).toEqual({
      kind: 'init',
      phase: 'report',
      durationMs: 4.87,
      status: 'error',
      errorType: 'Runtime.ExitError',
      lambdaPhase: 'invoke',
    });
  });

  it('reads an init timeout', () => {
    // cold-start notes, public repo (index id 66429978798)
    expect(parseLambdaLogLine('INIT_REPORT Init Duration: 9999.79 ms    Phase: init    Status: timeout')).toEqual({
      kind: 'init',
      phase: 'report',
      durationMs: 9999.79,
      status: 'timeout',
      lambdaPhase: 'init',
    });
  });

  it('reads the Node init failure written before any request ("undefined" request id)', () => {
    // Lambda console Function Logs (index id 47362146931)
    const line =
      '2025-02-10T07:37:10.463Z\tundefined\tERROR\tUncaught Exception \t{"errorType":"Runtime.UserCodeSyntaxError","errorMessage":"SyntaxError: Unexpected end of input","stack":["Runtime.UserCodeSyntaxError: SyntaxError: Unexpected end of input","    at _loadUserApp (file:///var/runtime/index.mjs:1084:17)","    at async UserFunction.js.module.exports.load (file:///var/runtime/index.mjs:1119:21)","    at async start (file:///var/runtime/index.mjs:1282:23)","    at async file:///var/runtime/index.mjs:1288:1"]}';
    const record = parseLambdaLogLine(line);
    expect(record).toMatchObject({ kind: 'app', level: 'ERROR', errorType: 'Runtime.UserCodeSyntaxError', errorMessage: 'SyntaxError: Unexpected end of input' });
    expect(record).not.toHaveProperty('requestId');
    expect(record?.kind === 'app' ? record.stackTrace?.length : 0).toBe(5);
  });

  it('reads Runtime.ImportModuleError from Node with the Require stack kept in the message', () => {
    // Node runtime shape (src/Errors.js toFormatted + "Uncaught Exception" label), module name from the brief
    const line =
      '2024-05-01T12:00:00.000Z\tundefined\tERROR\tUncaught Exception \t{"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module \'index\'\\nRequire stack:\\n- /var/runtime/index.mjs","stack":["Runtime.ImportModuleError: Error: Cannot find module \'index\'","Require stack:","- /var/runtime/index.mjs","    at _loadUserApp (file:///var/runtime/index.mjs:1087:17)"]}';
    expect(parseLambdaLogLine(line)).toMatchObject({
      kind: 'app',
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Error: Cannot find module 'index'\nRequire stack:\n- /var/runtime/index.mjs",
    });
  });

  it('reads Runtime.HandlerNotFound from Node', () => {
    const line =
      '2024-05-01T12:00:00.000Z\tundefined\tERROR\tUncaught Exception \t{"errorType":"Runtime.HandlerNotFound","errorMessage":"index.handler is undefined or not exported","stack":["Runtime.HandlerNotFound: index.handler is undefined or not exported","    at UserFunction.js.module.exports.load (/var/runtime/UserFunction.js:246:11)"]}';
    expect(parseLambdaLogLine(line)).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.handler is undefined or not exported' });
  });

  it('reads the Python import failure with its Traceback line', () => {
    // sam logs output, FastAPI/Daily sample README (index id 819990948)
    expect(parseLambdaLogLine("[ERROR] Runtime.ImportModuleError: Unable to import module 'app': No module named 'daily'\nTraceback (most recent call last):")).toEqual({
      kind: 'app',
      level: 'ERROR',
      text: "Runtime.ImportModuleError: Unable to import module 'app': No module named 'daily'\nTraceback (most recent call last):",
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Unable to import module 'app': No module named 'daily'",
    });
    // the brief's one-line form (no Traceback line kept)
    expect(parseLambdaLogLine("[ERROR] Runtime.ImportModuleError: Unable to import module 'app': No module named 'requests'")).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Unable to import module 'app': No module named 'requests'",
    });
  });

  it('reads Python handler-not-found (message text from awslambdaric/bootstrap.py _get_handler)', () => {
    expect(parseLambdaLogLine("[ERROR] Runtime.HandlerNotFound: Handler 'lambda_handler' missing on module 'app'\rTraceback (most recent call last):")).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: "Handler 'lambda_handler' missing on module 'app'",
    });
  });

  it('reads the Java class-not-found error document and the older "<message>: <class>" line', () => {
    // comment in a public repo quoting the Java runtime (index id 46567241349)
    expect(parseLambdaLogLine('{"errorMessage":"Class not found: org.example.aws.functions.BookPriceCalculatorLambda","errorType":"java.lang.ClassNotFoundException"}')).toMatchObject({
      kind: 'app',
      level: 'ERROR',
      errorType: 'java.lang.ClassNotFoundException',
      errorMessage: 'Class not found: org.example.aws.functions.BookPriceCalculatorLambda',
    });
    expect(parseLambdaLogLine('Class not found: example.Hello: java.lang.ClassNotFoundException')).toMatchObject({
      errorType: 'java.lang.ClassNotFoundException',
      errorMessage: 'Class not found: example.Hello',
    });
  });

  it('reads SnapStart RESTORE lines as init records', () => {
    expect(parseLambdaLogLine('RESTORE_START Runtime Version: java:11.v15\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:0a25e3e7a1cc9ce404bc435eeb2ad358d8fa64338e618d0c224fe509403583ca')).toEqual({
      kind: 'init',
      phase: 'start',
      runtimeVersion: 'java:11.v15',
      lambdaPhase: 'restore',
    });
    expect(parseLambdaLogLine('RESTORE_REPORT Restore Duration: 571.67 ms')).toEqual({ kind: 'init', phase: 'report', durationMs: 571.67, lambdaPhase: 'restore' });
  });
});

describe('Node.js text format', () => {
  it('reads "Invoke Error" with an AWS SDK v2 AccessDeniedException, keeping the message intact', () => {
    // Lambda console output pasted in a public repo (index id 1713370866)
    const message =
      'User: arn:aws:sts::626238822062:assumed-role/bijit-outbound-role-penguin/bijit-outbound-callback-penguin is not authorized to perform: dynamodb:Scan on resource: arn:aws:dynamodb:us-east-1:626238822062:table/Employee because no identity-based policy allows the dynamodb:Scan action';
    const line = `2023-04-14T09:23:16.008Z\t4e8cfa2f-d871-49cb-b49b-3b023add146f\tERROR\tInvoke Error \t{"errorType":"AccessDeniedException","errorMessage":"${message}","code":"AccessDeniedException","message":"${message}","time":"2023-04-14T09:23:16.008Z","requestId":"JUO0OUFQ4K6A7MFJQH695MI063VV4KQNSO5AEMVJF66Q9ASUAAJG","statusCode":400,"retryable":false,"retryDelay":0.785578594509273,"stack":["AccessDeniedException: ${message}","    at Request.extractError (/var/runtime/node_modules/aws-sdk/lib/protocol/json.js:52:27)"]}`;
    const record = parseLambdaLogLine(line);
    expect(record).toMatchObject({
      kind: 'app',
      requestId: '4e8cfa2f-d871-49cb-b49b-3b023add146f',
      level: 'ERROR',
      errorType: 'AccessDeniedException',
      errorMessage: message,
    });
    expect(lambdaRequestIdOf(line)).toBe('4e8cfa2f-d871-49cb-b49b-3b023add146f');
  });

  it('reads "Invoke Error" with an assertion error and its extra fields', () => {
    // sam logs output in a public README (index id 23776070793), without the sam prefix
    const line =
      '2020-11-03T00:36:23.376Z\t3eb496cd-c663-4ae2-a717-8f261b7ad48c\tERROR\tInvoke Error \t{"errorType":"AssertionError","errorMessage":"id is a mandatory field","code":"ERR_ASSERTION","generatedMessage":false,"expected":true,"operator":"==","stack":["AssertionError [ERR_ASSERTION]: id is a mandatory field","    at new Product (/var/task/src/product/product.js:5:5)"]}';
    expect(parseLambdaLogLine(line)).toMatchObject({
      errorType: 'AssertionError',
      errorMessage: 'id is a mandatory field',
      stackTrace: ['AssertionError [ERR_ASSERTION]: id is a mandatory field', '    at new Product (/var/task/src/product/product.js:5:5)'],
    });
  });

  it('reads "Unhandled Promise Rejection" keeping the reason in the message', () => {
    // public repo notes quoting CloudWatch (index id 27629908185)
    const line =
      '2023-04-10T08:06:35.275Z\t7d3e76dc-39b2-4d35-a27b-90adfe53ff2d\tERROR\tUnhandled Promise Rejection \t{"errorType":"Runtime.UnhandledPromiseRejection","errorMessage":"MongoNetworkTimeoutError: connection timed out","reason":{"errorType":"MongoNetworkTimeoutError","errorMessage":"connection timed out","connectionGeneration":0,"stack":["MongoNetworkTimeoutError: connection timed out","    at connectionFailureError (/var/task/node_modules/mongodb/lib/cmap/connect.js:389:20)"]},"promise":{},"stack":["Runtime.UnhandledPromiseRejection: MongoNetworkTimeoutError: connection timed out","    at process.<anonymous> (file:///var/runtime/index.mjs:1276:17)"]}';
    expect(parseLambdaLogLine(line)).toMatchObject({
      requestId: '7d3e76dc-39b2-4d35-a27b-90adfe53ff2d',
      errorType: 'Runtime.UnhandledPromiseRejection',
      errorMessage: 'MongoNetworkTimeoutError: connection timed out',
    });
  });

  it('reads the pretty-printed rejection a user pasted', () => {
    // public repo notes (index id 47183667672), truncated stack closed
    const line =
      '2025-01-23T09:03:56.454Z\t1be8a860-88f7-4457-a35e-12a8e41767b5\tERROR\tUnhandled Promise Rejection \t{\n    "errorType": "Runtime.UnhandledPromiseRejection",\n    "errorMessage": "ReferenceError: PAGE_ACCESS_TOKEN is not defined",\n    "reason": {\n        "errorType": "ReferenceError",\n        "errorMessage": "PAGE_ACCESS_TOKEN is not defined"\n    }\n}';
    expect(parseLambdaLogLine(line)).toMatchObject({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'ReferenceError: PAGE_ACCESS_TOKEN is not defined' });
  });

  it('reads INFO/WARN lines and a request id pasted with a space instead of a tab', () => {
    // docs example (docs.aws.amazon.com nodejs-logging "Example log format")
    expect(parseLambdaLogLine('2019-06-07T19:11:20.564Z\tc793869b-ee49-115b-a5b6-4fd21e8dedac\tWARN\tEvent not processed.')).toEqual({
      kind: 'app',
      requestId: 'c793869b-ee49-115b-a5b6-4fd21e8dedac',
      level: 'WARN',
      text: 'Event not processed.',
    });
    // raygun sample README (index id 9578805073)
    expect(parseLambdaLogLine('2024-06-06T08:33:41.542Z\txyz ERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"AWS Error from callback!","stack":["Error: AWS Error from callback!"]}')).toMatchObject({
      requestId: 'xyz',
      level: 'ERROR',
      errorType: 'Error',
      errorMessage: 'AWS Error from callback!',
    });
  });

  it('reads console.error(err) in text mode: the stack util.format prints, joined by \\r', () => {
    // LogPatch.js replaces \n by \r on stdout; network error messages as Node prints them
    const line =
      '2024-05-01T12:00:01.234Z\t0f6b2c1e-4d2a-4b8f-8f0e-2a7d9c3b1e55\tERROR\tError: connect ECONNREFUSED 10.0.1.5:5432\r    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16) {\r  errno: -111,\r  code: \'ECONNREFUSED\',\r  syscall: \'connect\',\r  address: \'10.0.1.5\',\r  port: 5432\r}';
    expect(parseLambdaLogLine(line)).toMatchObject({
      level: 'ERROR',
      errorType: 'Error',
      errorMessage: 'connect ECONNREFUSED 10.0.1.5:5432',
      stackTrace: ['    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16) {'],
    });
  });

  it('reads an SDK v3 error printed with a prefix, and keeps ERROR text without a type as errorMessage', () => {
    const line =
      '2024-05-01T12:00:02.000Z\t0f6b2c1e-4d2a-4b8f-8f0e-2a7d9c3b1e55\tERROR\tput failed ProvisionedThroughputExceededException: The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.';
    expect(parseLambdaLogLine(line)).toMatchObject({
      errorType: 'ProvisionedThroughputExceededException',
      errorMessage: 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
    });
    expect(parseLambdaLogLine('2024-05-01T12:00:03.000Z\t0f6b2c1e-4d2a-4b8f-8f0e-2a7d9c3b1e55\tERROR\tgetaddrinfo ENOTFOUND db.internal.example.com')).toMatchObject({
      errorMessage: 'getaddrinfo ENOTFOUND db.internal.example.com',
    });
  });
});

describe('Node.js JSON log format', () => {
  it('reads console.error(err): the error document nested in "message"', () => {
    // shape from aws-lambda-nodejs-runtime-interface-client src/LogPatch.js formatJsonMessage + jsonErrorReplacer
    const line =
      '{"timestamp":"2024-05-01T12:00:00.000Z","level":"ERROR","requestId":"79b4f56e-95b1-4643-9700-2807f4e68189","message":{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading \'id\')","stackTrace":["TypeError: Cannot read properties of undefined (reading \'id\')","    at Runtime.handler (file:///var/task/index.mjs:3:29)"]}}';
    expect(parseLambdaLogLine(line)).toEqual({
      kind: 'app',
      requestId: '79b4f56e-95b1-4643-9700-2807f4e68189',
      level: 'ERROR',
      text: "TypeError: Cannot read properties of undefined (reading 'id')",
      errorType: 'TypeError',
      errorMessage: "Cannot read properties of undefined (reading 'id')",
      stackTrace: ["TypeError: Cannot read properties of undefined (reading 'id')", '    at Runtime.handler (file:///var/task/index.mjs:3:29)'],
    });
    expect(looksLikeLambdaLog(line)).toBe(true);
  });

  it('reads console.error("msg", err): error fields at the top level beside the formatted message', () => {
    const line =
      '{"timestamp":"2024-05-01T12:00:00.000Z","level":"ERROR","requestId":"79b4f56e-95b1-4643-9700-2807f4e68189","message":"put failed ThrottlingException: Rate exceeded","errorType":"ThrottlingException","errorMessage":"Rate exceeded","stackTrace":["ThrottlingException: Rate exceeded","    at de_ThrottlingExceptionRes (/var/runtime/node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js:2467:21)"]}';
    expect(parseLambdaLogLine(line)).toMatchObject({ text: 'put failed ThrottlingException: Rate exceeded', errorType: 'ThrottlingException', errorMessage: 'Rate exceeded' });
  });

  it('reads an INFO line, and a JSON string logged inside "message"', () => {
    // telemetry-schema-reference "function" record in JSON format
    expect(parseLambdaLogLine('{"timestamp":"2022-10-12T00:03:50.000Z","level":"INFO","requestId":"79b4f56e-95b1-4643-9700-2807f4e68189","message":"Hello world, I am a function!"}')).toEqual({
      kind: 'app',
      requestId: '79b4f56e-95b1-4643-9700-2807f4e68189',
      level: 'INFO',
      text: 'Hello world, I am a function!',
    });
    // CloudWatch export in a public repo (index id 71517255706)
    const nested =
      '{"timestamp":"2026-10-08T07:30:29.443Z","level":"ERROR","requestId":"79b5e81f-9cdd-4145-b1f6-7c50ef8a2a36","message":"{\\"level\\":\\"ERROR\\",\\"message\\":\\"Widget update failed\\",\\"component\\":\\"notifier\\",\\"event\\":\\"WidgetUpdateFailed\\",\\"error\\":\\"SecretUnavailableError\\"}"}';
    expect(parseLambdaLogLine(nested)).toMatchObject({ kind: 'app', level: 'ERROR', requestId: '79b5e81f-9cdd-4145-b1f6-7c50ef8a2a36' });
  });
});

describe('Python text and JSON formats', () => {
  it('reads "[LEVEL]\\t<time>\\t<requestId>\\t<message>"', () => {
    // format string in awslambdaric/bootstrap.py _setup_logging
    expect(parseLambdaLogLine('[INFO]\t2024-05-01T12:00:00.123Z\t8f507cfc-b8d0-4d43-9b8a-8d7c1a5b2e11\tLambda invocation started')).toEqual({
      kind: 'app',
      requestId: '8f507cfc-b8d0-4d43-9b8a-8d7c1a5b2e11',
      level: 'INFO',
      text: 'Lambda invocation started',
    });
  });

  it('reads logger.exception with a boto ClientError traceback, message intact', () => {
    // test fixture in a public repo (index id 56129498940) completed with the traceback Python prints
    const line =
      '[ERROR]\t2026-07-06T22:00:00Z\treq-2\tFailed to write async result to s3://b/k: boom\nTraceback (most recent call last):\n  File "/var/task/app.py", line 41, in write_result\n    s3.put_object(Bucket=bucket, Key=key, Body=body)\nbotocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied';
    expect(parseLambdaLogLine(line)).toMatchObject({
      requestId: 'req-2',
      level: 'ERROR',
      errorType: 'botocore.exceptions.ClientError',
      errorMessage: 'An error occurred (AccessDenied) when calling the PutObject operation: Access Denied',
      stackTrace: ['  File "/var/task/app.py", line 41, in write_result', '    s3.put_object(Bucket=bucket, Key=key, Body=body)'],
    });
  });

  it('reads the runtime line for an uncaught ClientError (AccessDeniedException, full principal kept)', () => {
    // aws logs tail output quoted in a public repo (index id 67418607288)
    const line =
      "[ERROR] ClientError: An error occurred (AccessDeniedException) when calling the DetectDominantLanguage operation: User: arn:aws:sts::281248178297:assumed-role/techmoda-ai-diego-pina-AnalyzeSentimentFunctionRole-JLWVJfdLWTLR/techmoda-ai-diego-pina-AnalyzeSentiment is not authorized to perform: comprehend:DetectDominantLanguage because no identity-based policy allows the comprehend:DetectDominantLanguage action\nTraceback (most recent call last):\n  File \"/var/task/app.py\", line 74, in lambda_handler\n    results = [_analyze_one(t) for t in texts]";
    expect(parseLambdaLogLine(line)).toMatchObject({
      kind: 'app',
      level: 'ERROR',
      errorType: 'ClientError',
      errorMessage:
        'An error occurred (AccessDeniedException) when calling the DetectDominantLanguage operation: User: arn:aws:sts::281248178297:assumed-role/techmoda-ai-diego-pina-AnalyzeSentimentFunctionRole-JLWVJfdLWTLR/techmoda-ai-diego-pina-AnalyzeSentiment is not authorized to perform: comprehend:DetectDominantLanguage because no identity-based policy allows the comprehend:DetectDominantLanguage action',
      stackTrace: ['  File "/var/task/app.py", line 74, in lambda_handler', '    results = [_analyze_one(t) for t in texts]'],
    });
  });

  it('reads a DynamoDB throttling ClientError (reached max retries) with NBSP-indented frames', () => {
    // notes in a public repo (index id 43672071645); U+00A0 indentation as awslambdaric writes frames
    const line =
      '[ERROR] ClientError: An error occurred (ThrottlingException) when calling the PutItem operation (reached max retries: 9): Throughput exceeds the current capacity of your table or index.\nTraceback (most recent call last):\n\u00a0\u00a0File "/var/task/aws_scatter_gather/util/async_util.py", line 7, in wrapper';
    expect(parseLambdaLogLine(line)).toMatchObject({
      errorType: 'ClientError',
      errorMessage: 'An error occurred (ThrottlingException) when calling the PutItem operation (reached max retries: 9): Throughput exceeds the current capacity of your table or index.',
      stackTrace: ['  File "/var/task/aws_scatter_gather/util/async_util.py", line 7, in wrapper'],
    });
  });

  it('reads LAMBDA_WARNING as WARN', () => {
    // awslambdaric/lambda_literals.py, logged through logging.warning in the text format
    const line =
      '[WARNING]\t2024-05-01T12:00:00.000Z\t\tLAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. However, in rare cases, a Lambda runtime update can cause unexpected function behavior.';
    expect(parseLambdaLogLine(line)).toMatchObject({ kind: 'app', level: 'WARN' });
    expect(parseLambdaLogLine(line)).not.toHaveProperty('requestId');
    expect(looksLikeLambdaLog('[WARNING] LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code.')).toBe(true);
  });

  it('reads the JSON format, including the older "log_level" key of uncaught errors', () => {
    // awslambdaric/lambda_runtime_log_utils.py JsonFormatter; RIC v4.0.4 release note (log_level → level)
    const logged =
      '{"timestamp": "2024-05-01T12:00:00Z", "level": "ERROR", "message": "Failed to get item", "logger": "root", "stackTrace": ["  File \\"/var/task/app.py\\", line 12, in handler\\n    table.get_item(Key=key)\\n"], "errorType": "ClientError", "errorMessage": "An error occurred (AccessDeniedException) when calling the GetItem operation: User: arn:aws:sts::123456789012:assumed-role/orders-fn-role/orders-fn is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/orders", "requestId": "3b1f6c2a-8e4d-4f7a-9c2b-5d6e7f8a9b0c", "location": "/var/task/app.py:handler:12"}';
    expect(parseLambdaLogLine(logged)).toEqual({
      kind: 'app',
      requestId: '3b1f6c2a-8e4d-4f7a-9c2b-5d6e7f8a9b0c',
      level: 'ERROR',
      text: 'Failed to get item',
      errorType: 'ClientError',
      errorMessage:
        'An error occurred (AccessDeniedException) when calling the GetItem operation: User: arn:aws:sts::123456789012:assumed-role/orders-fn-role/orders-fn is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/orders',
      stackTrace: ['  File "/var/task/app.py", line 12, in handler', '    table.get_item(Key=key)'],
    });
    const uncaught = '{"timestamp": "2024-01-01T00:00:00", "log_level": "ERROR", "errorMessage": "Unable to import module \'app\': No module named \'requests\'", "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []}';
    const record = parseLambdaLogLine(uncaught);
    expect(record).toMatchObject({ level: 'ERROR', errorType: 'Runtime.ImportModuleError' });
    expect(record).not.toHaveProperty('requestId');
  });
});

describe('Java, .NET and log4j2', () => {
  it('reads the Java runtime error document with its stack', () => {
    // awsdocs/aws-lambda-developer-guide doc_source/java-exceptions.md
    expect(parseLambdaLogLine('{"errorMessage":"/ by zero","errorType":"java.lang.ArithmeticException","stackTrace":["example.HandlerDivide.handleRequest(HandlerDivide.java:28)","example.HandlerDivide.handleRequest(HandlerDivide.java:13)"]}')).toEqual({
      kind: 'app',
      level: 'ERROR',
      text: 'java.lang.ArithmeticException: / by zero',
      errorType: 'java.lang.ArithmeticException',
      errorMessage: '/ by zero',
      stackTrace: ['example.HandlerDivide.handleRequest(HandlerDivide.java:28)', 'example.HandlerDivide.handleRequest(HandlerDivide.java:13)'],
    });
  });

  it('reads a Java stack trace printed by the function', () => {
    const line = 'java.lang.RuntimeException: java.sql.SQLException: Connection refused\n\tat com.example.OrderHandler.handleRequest(OrderHandler.java:42)\n\t... 3 more';
    expect(parseLambdaLogLine(line)).toMatchObject({
      errorType: 'java.lang.RuntimeException',
      errorMessage: 'java.sql.SQLException: Connection refused',
      stackTrace: ['\tat com.example.OrderHandler.handleRequest(OrderHandler.java:42)', '\t... 3 more'],
    });
  });

  it('reads log4j2 lines with AWSRequestId (pattern from the docs and its JSON layout)', () => {
    // pattern "%d{yyyy-MM-dd HH:mm:ss} %X{AWSRequestId} %-5p %c{1}:%L - %m%n" (doc_source/java-logging.md)
    expect(parseLambdaLogLine('2020-02-03 18:28:21 1e9a3b5c-5d4e-4f6a-8b7c-9d0e1f2a3b4c ERROR Hello:18 - log data from log4j err.')).toMatchObject({
      kind: 'app',
      requestId: '1e9a3b5c-5d4e-4f6a-8b7c-9d0e1f2a3b4c',
      level: 'ERROR',
    });
    // JSON layout with AWSRequestId, public repo notes (index id 68862675724)
    expect(lambdaRequestIdOf('{"timestamp":"2026-09-01T20:07:19.802Z","level":"INFO","message":"lookup hit taxpayerId=txp_synth_001 liabilities=1","logger":"com.uptimecrew.tax_liability.lambda.TaxpayerLookupHandler","AWSRequestId":"55189a49-0c4f-4b6e-9a1d-2e3f4a5b6c7d"}')).toBe('55189a49-0c4f-4b6e-9a1d-2e3f4a5b6c7d');
  });

  it('reads .NET JSON exceptions whose level is spelled "Error"', () => {
    // github.com/aws/aws-lambda-dotnet/pull/1737
    const line =
      '{"timestamp":"2024-04-22T06:22:05.689Z","level":"Error","requestId":"677a8f5f-fcc3-47b5-a24a-a4850b166225","traceId":"Root=1-6626020d-10f21fb539ab9e440248641f;Parent=469d66f203a29809;Sampled=0;Lineage=cd25c10f:0","message":null,"errorType":"System.ApplicationException","errorMessage":"Exception 1 Application goes bad","stackTrace":["System.ApplicationException: Exception 1 Application goes bad"]}';
    expect(parseLambdaLogLine(line)).toMatchObject({ level: 'ERROR', errorType: 'System.ApplicationException', errorMessage: 'Exception 1 Application goes bad', requestId: '677a8f5f-fcc3-47b5-a24a-a4850b166225' });
  });
});

describe('Powertools and other structured loggers', () => {
  it('reads Powertools for Python (function_request_id, exception, exception_name)', () => {
    // fields from Powertools docs examples (index ids 27214627037, 56513392778)
    const line =
      '{"level":"ERROR","location":"handler:40","message":"Failed to save order","timestamp":"2024-05-01 12:00:00,123+0000","service":"orders","cold_start":false,"function_name":"orders-fn","function_memory_size":"256","function_arn":"arn:aws:lambda:us-east-1:123456789012:function:orders-fn","function_request_id":"c6af9ac6-7b61-11e6-9a41-93e812345678","exception":"Traceback (most recent call last):\\n  File \\"/var/task/app.py\\", line 38, in handler\\n    table.put_item(Item=order)\\nbotocore.exceptions.ClientError: An error occurred (ProvisionedThroughputExceededException) when calling the PutItem operation (reached max retries: 9): The level of configured provisioned throughput for the table was exceeded.","exception_name":"ClientError","xray_trace_id":"1-6627b6ea-41da4c2b21729b794c0ba41a"}';
    expect(parseLambdaLogLine(line)).toMatchObject({
      kind: 'app',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      level: 'ERROR',
      text: 'Failed to save order',
      errorType: 'ClientError',
      errorMessage: 'An error occurred (ProvisionedThroughputExceededException) when calling the PutItem operation (reached max retries: 9): The level of configured provisioned throughput for the table was exceeded.',
    });
    expect(looksLikeLambdaLog(line)).toBe(true);
  });

  it('reads Powertools for TypeScript ("error": {name, message, stack}) and pino numeric levels', () => {
    const powertools =
      '{"level":"ERROR","message":"Unable to reach payments","timestamp":"2024-05-01T12:00:00.000Z","service":"orders","function_request_id":"c6af9ac6-7b61-11e6-9a41-93e812345678","error":{"name":"Error","location":"/var/task/index.js:12","message":"connect ETIMEDOUT 10.0.2.10:443","stack":"Error: connect ETIMEDOUT 10.0.2.10:443\\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)"}}';
    expect(parseLambdaLogLine(powertools)).toMatchObject({ level: 'ERROR', errorType: 'Error', errorMessage: 'connect ETIMEDOUT 10.0.2.10:443' });
    const pino = '{"level":50,"time":1714564800000,"awsRequestId":"0f6b2c1e-4d2a-4b8f-8f0e-2a7d9c3b1e55","err":{"type":"Error","message":"getaddrinfo ENOTFOUND api.partner.example","stack":"Error: getaddrinfo ENOTFOUND api.partner.example"},"msg":"partner call failed"}';
    expect(parseLambdaLogLine(pino)).toMatchObject({
      requestId: '0f6b2c1e-4d2a-4b8f-8f0e-2a7d9c3b1e55',
      level: 'ERROR',
      text: 'partner call failed',
      errorType: 'Error',
      errorMessage: 'getaddrinfo ENOTFOUND api.partner.example',
    });
  });
});

describe('JSON system-log events (platform.*)', () => {
  it('reads platform.initStart and platform.initReport', () => {
    // docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html
    expect(parseLambdaLogLine('{"time":"2022-10-12T00:00:15.064Z","type":"platform.initStart","record":{"initializationType":"on-demand","phase":"init","runtimeVersion":"nodejs-14.v3","runtimeVersionArn":"arn","functionName":"myFunction","functionVersion":"$LATEST"}}')).toEqual({
      kind: 'init',
      phase: 'start',
      runtimeVersion: 'nodejs-14.v3',
      lambdaPhase: 'init',
    });
    expect(parseLambdaLogLine('{"time":"2024-05-01T12:00:00.000Z","type":"platform.initReport","record":{"initializationType":"on-demand","phase":"init","status":"error","errorType":"Runtime.ImportModuleError","metrics":{"durationMs":412.61}}}')).toEqual({
      kind: 'init',
      phase: 'report',
      status: 'error',
      errorType: 'Runtime.ImportModuleError',
      durationMs: 412.61,
      lambdaPhase: 'init',
    });
  });

  it('reads platform.start and platform.report with tracing', () => {
    // rust lambda_extension test data (index id 9170217907)
    expect(parseLambdaLogLine('{"time":"2022-10-21T14:05:05.766Z","type":"platform.report","record":{"requestId":"459921b5-681c-4a96-beb0-81e0aa586026","metrics":{"durationMs":2599.4,"billedDurationMs":2600,"memorySizeMB":128,"maxMemoryUsedMB":94,"initDurationMs":549.04},"tracing":{"spanId":"24cd7d670fa455f0","type":"X-Amzn-Trace-Id","value":"Root=1-6352a70e-1e2c502e358361800241fd45;Parent=35465b3a9e2f7c6a;Sampled=1"},"status":"success"}}')).toEqual({
      kind: 'report',
      requestId: '459921b5-681c-4a96-beb0-81e0aa586026',
      durationMs: 2599.4,
      billedDurationMs: 2600,
      memorySizeMb: 128,
      maxMemoryUsedMb: 94,
      initDurationMs: 549.04,
      status: 'success',
      xrayTraceId: '1-6352a70e-1e2c502e358361800241fd45',
    });
    expect(parseLambdaLogLine('{"time":"2026-10-08T07:30:41.076Z","type":"platform.start","record":{"requestId":"f0c9f58b-8ebe-4e84-a656-95eb6eee865a","functionArn":"arn:aws:lambda:eu-central-1:825765399535:function:tenner-notifier","version":"$LATEST"}}')).toEqual({
      kind: 'start',
      requestId: 'f0c9f58b-8ebe-4e84-a656-95eb6eee865a',
      version: '$LATEST',
    });
  });

  it('reads timeout and error statuses on platform.report and platform.runtimeDone', () => {
    // status values success|failure|error|timeout (telemetry-schema-reference Status)
    expect(parseLambdaLogLine('{"time":"2026-08-09T12:34:56.789Z","type":"platform.report","record":{"requestId":"req-1","status":"timeout","metrics":{"durationMs":3000,"billedDurationMs":3000,"memorySizeMB":128,"maxMemoryUsedMB":40}}}')).toMatchObject({
      kind: 'report',
      requestId: 'req-1',
      status: 'timeout',
      durationMs: 3000,
    });
    expect(parseLambdaLogLine('{"time":"2026-08-09T12:34:56.789Z","type":"platform.report","record":{"requestId":"req-2","status":"error","errorType":"Runtime.OutOfMemory","metrics":{"durationMs":812.4,"billedDurationMs":813,"memorySizeMB":256,"maxMemoryUsedMB":256}}}')).toMatchObject({
      status: 'error',
      errorType: 'Runtime.OutOfMemory',
      maxMemoryUsedMb: 256,
    });
    expect(parseLambdaLogLine('{"time":"2026-08-09T12:34:56.789Z","type":"platform.runtimeDone","record":{"requestId":"req-1","status":"error","errorType":"Runtime.ExitError"}}')).toEqual({
      kind: 'platform',
      requestId: 'req-1',
      text: 'platform.runtimeDone status: error',
      errorType: 'Runtime.ExitError',
    });
    // a successful runtimeDone is the END of the invocation (index id 21550738196)
    expect(parseLambdaLogLine('{"time":"2024-07-01T08:54:54.125Z","type":"platform.runtimeDone","record":{"requestId":"b2de8fdb-259d-476f-9546-0b4822dce67a","metrics":{"durationMs":17.12,"producedBytes":50},"status":"success"}}')).toEqual({
      kind: 'end',
      requestId: 'b2de8fdb-259d-476f-9546-0b4822dce67a',
    });
  });

  it('reads platform.logsDropped and the Logs API platform.fault', () => {
    expect(parseLambdaLogLine('{"time":"2022-10-12T00:02:35.000Z","type":"platform.logsDropped","record":{"droppedBytes":12345,"droppedRecords":123,"reason":"Some logs were dropped because the downstream consumer is slower than the logs production rate"}}')).toEqual({
      kind: 'platform',
      text: 'platform.logsDropped: 123 records (12345 bytes) dropped: Some logs were dropped because the downstream consumer is slower than the logs production rate',
    });
    // Logs API example (awsdocs runtimes-logs-api, index id 24155045374)
    expect(parseLambdaLogLine('{"time":"2020-08-20T12:31:32.123Z","type":"platform.fault","record":"RequestId: d783b35e-a91d-4251-af17-035953428a2c Process exited before completing request"}')).toEqual({
      kind: 'platform',
      requestId: 'd783b35e-a91d-4251-af17-035953428a2c',
      text: 'RequestId: d783b35e-a91d-4251-af17-035953428a2c Process exited before completing request',
    });
  });
});

describe('extension and telemetry lines', () => {
  it('reads EXTENSION / TELEMETRY registrations as platform lines', () => {
    // public READMEs quoting CloudWatch (index ids 48073472356, 7855861646)
    expect(parseLambdaLogLine('EXTENSION\tName: AppConfigAgent\tState: Ready\tEvents: [INVOKE, SHUTDOWN]')).toEqual({ kind: 'platform', text: 'EXTENSION\tName: AppConfigAgent\tState: Ready\tEvents: [INVOKE, SHUTDOWN]' });
    expect(looksLikeLambdaLog('TELEMETRY\tName: datadog-agent\tState: Subscribed\tTypes: [Platform, Function, Extension]')).toBe(true);
  });
});

describe('looksLikeLambdaLog', () => {
  it('is false for plain application text and for API Gateway lines', () => {
    expect(looksLikeLambdaLog('Hello from Lambda!')).toBe(false);
    expect(looksLikeLambdaLog('Processing order 42')).toBe(false);
    // API Gateway execution log line
    expect(looksLikeLambdaLog('(c4e9a2f1-1b2c-4d3e-8f4a-5b6c7d8e9f00) Method completed with status: 502')).toBe(false);
    // API Gateway JSON access log with a requestId but no level
    expect(looksLikeLambdaLog('{"requestId":"c4e9a2f1-1b2c-4d3e-8f4a-5b6c7d8e9f00","ip":"203.0.113.9","status":"502","message":"Internal server error"}')).toBe(false);
    expect(looksLikeLambdaLog('')).toBe(false);
  });

  it('is true for every distinctly Lambda shape', () => {
    for (const line of [
      'START RequestId: 160788cd-45ff-4583-809f-c7e31127cb95 Version: $LATEST',
      'INIT_REPORT Init Duration: 150.79 ms\tPhase: init\tStatus: error\tError Type: Runtime.UserCodeSyntaxError',
      'Task timed out after 3.00 seconds',
      '2019-06-07T19:11:20.564Z\tc793869b-ee49-115b-a5b6-4fd21e8dedac\tINFO\tEvent not processed.',
      '[INFO]\t2024-05-01T12:00:00.123Z\t8f507cfc-b8d0-4d43-9b8a-8d7c1a5b2e11\tLambda invocation started',
      '{"time":"2022-10-12T00:02:35.000Z","type":"platform.telemetrySubscription","record":{"name":"my-telemetry-extension","state":"Subscribed","types":["platform","function"]}}',
      '{"errorMessage":"/ by zero","errorType":"java.lang.ArithmeticException","stackTrace":[]}',
    ]) {
      expect(looksLikeLambdaLog(line), line).toBe(true);
    }
  });

  it('does not take an app print() of "[ERROR] Word: ..." for the Python runtime line', () => {
    expect(looksLikeLambdaLog('[ERROR] Database: connection lost, retrying')).toBe(false);
    expect(parseLambdaLogLine('[ERROR] Database: connection lost, retrying')).toMatchObject({ kind: 'app', level: 'ERROR', errorMessage: '[ERROR] Database: connection lost, retrying' });
  });
});

describe('lambdaRequestIdOf', () => {
  it('finds the request id in each format and nothing in plain text', () => {
    expect(lambdaRequestIdOf('END RequestId: 160788cd-45ff-4583-809f-c7e31127cb95')).toBe('160788cd-45ff-4583-809f-c7e31127cb95');
    expect(lambdaRequestIdOf('2018-05-17T06:46:28.161Z fb63a8b6-599d-11e8-a437-911ac44bc0b4 Task timed out after 18.02 seconds')).toBe('fb63a8b6-599d-11e8-a437-911ac44bc0b4');
    expect(lambdaRequestIdOf('[INFO]\t2024-05-01T12:00:00.123Z\t8f507cfc-b8d0-4d43-9b8a-8d7c1a5b2e11\tstarted')).toBe('8f507cfc-b8d0-4d43-9b8a-8d7c1a5b2e11');
    expect(lambdaRequestIdOf('{"level":"INFO","message":"x","function_request_id":"c6af9ac6-7b61-11e6-9a41-93e812345678"}')).toBe('c6af9ac6-7b61-11e6-9a41-93e812345678');
    expect(lambdaRequestIdOf('2025-02-10T07:37:10.463Z\tundefined\tERROR\tUncaught Exception \t{"errorType":"Error","errorMessage":"x"}')).toBeUndefined();
    expect(lambdaRequestIdOf('order 8f507cfc-b8d0-4d43-9b8a-8d7c1a5b2e11 shipped')).toBeUndefined();
  });
});

describe('never throws', () => {
  const realLines = [
    'REPORT RequestId: f8400400-dd9e-4025-b644-4c78df3287c7\tDuration: 1338.34 ms\tBilled Duration: 1339 ms\tMemory Size: 128 MB\tMax Memory Used: 71 MB\tStatus: error\tError Type: Runtime.UserCodeSyntaxError',
    '2023-04-10T08:06:35.275Z\t7d3e76dc-39b2-4d35-a27b-90adfe53ff2d\tERROR\tUnhandled Promise Rejection \t{"errorType":"Runtime.UnhandledPromiseRejection","errorMessage":"x"}',
    "[ERROR] Runtime.ImportModuleError: Unable to import module 'app': No module named 'daily'\nTraceback (most recent call last):",
    '{"time":"2022-10-12T00:01:15.000Z","type":"platform.report","record":{"requestId":"r","metrics":{"durationMs":1}}}',
    'INIT_REPORT Init Duration: 10.17 ms Phase: init Status: error   Error Type: Runtime.ExitError',
  ];

  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const record = parseLambdaLogLine(text);
        expect(record === null || typeof record.kind === 'string').toBe(true);
        expect(typeof looksLikeLambdaLog(text)).toBe('boolean');
        const id = lambdaRequestIdOf(text);
        expect(id === undefined || typeof id === 'string').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('on real lines cut or spliced at random places', () => {
    fc.assert(
      fc.property(fc.constantFrom(...realLines), fc.nat(), fc.nat(), fc.string({ maxLength: 40 }), (line, a, b, insert) => {
        const cut = Math.min(a, b) % (line.length + 1);
        const mutated = line.slice(0, cut) + insert + line.slice(Math.max(a, b) % (line.length + 1));
        expect(() => parseLambdaLogLine(mutated)).not.toThrow();
        expect(() => looksLikeLambdaLog(mutated)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('on arbitrary JSON values, including platform-shaped ones', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('platform.report', 'platform.start', 'platform.initReport', 'platform.runtimeDone', 'function', 'x'), (value, type) => {
        expect(() => parseLambdaLogLine(JSON.stringify(value))).not.toThrow();
        expect(() => parseLambdaLogLine(JSON.stringify({ time: 't', type, record: value }))).not.toThrow();
        expect(() => parseLambdaLogLine(JSON.stringify({ level: value, requestId: value, message: value, errorType: value, errorMessage: value, stackTrace: value, error: value }))).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('returns null for empty and non-string input', () => {
    expect(parseLambdaLogLine('')).toBeNull();
    expect(parseLambdaLogLine('  \n\t ')).toBeNull();
    expect(parseLambdaLogLine(undefined as unknown as string)).toBeNull();
    expect(parseLambdaLogLine(42 as unknown as string)).toBeNull();
  });
});

describe('REPORT round trip', () => {
  it('reads back any values written in the REPORT format', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.integer({ min: 0, max: 90_000_000 }),
        fc.integer({ min: 128, max: 10_240 }),
        fc.integer({ min: 1, max: 10_240 }),
        fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
        fc.constantFrom('\t', '  ', ' '),
        (requestId, centiMs, memory, used, initCentiMs, separator) => {
          const duration = (centiMs / 100).toFixed(2);
          const parts = [
            `REPORT RequestId: ${requestId}`,
            `Duration: ${duration} ms`,
            `Billed Duration: ${Math.ceil(centiMs / 100)} ms`,
            `Memory Size: ${memory} MB`,
            `Max Memory Used: ${used} MB`,
          ];
          if (initCentiMs !== undefined) parts.push(`Init Duration: ${(initCentiMs / 100).toFixed(2)} ms`);
          const record = parseLambdaLogLine(parts.join(separator));
          expect(record).toMatchObject({
            kind: 'report',
            requestId,
            durationMs: Number(duration),
            billedDurationMs: Math.ceil(centiMs / 100),
            memorySizeMb: memory,
            maxMemoryUsedMb: used,
          });
          if (initCentiMs !== undefined) expect(record).toMatchObject({ initDurationMs: Number((initCentiMs / 100).toFixed(2)) });
          else expect(record).not.toHaveProperty('initDurationMs');
        },
      ),
      { numRuns: 500 },
    );
  });
});
