import type { Bundle } from './bundle.ts';
import { functionConfiguration } from './context.ts';
import { hex } from './ids.ts';
import { functionErrorPayload, runtimeVersionArn } from './lambdaLog.ts';
import type { ApiIdentity, ErrorInfo, InvokeResponse } from './model.ts';
import type { Rng } from './rng.ts';
import type { FunctionSpec } from './simulate.ts';
import { isoMillis } from './time.ts';

/** Small builders shared by the scenarios. */

export function functionSpec(api: ApiIdentity, p: { name: string; runtime: string; runtimeVersion: string; handler: string; memorySizeMb: number; timeoutSeconds: number; tracing?: boolean; initMs?: readonly [number, number]; memoryUsedMb?: readonly [number, number]; version?: string }): FunctionSpec {
  const spec: FunctionSpec = {
    name: p.name,
    arn: `arn:aws:lambda:${api.region}:${api.account}:function:${p.name}`,
    runtime: p.runtime,
    runtimeVersion: p.runtimeVersion,
    handler: p.handler,
    memorySizeMb: p.memorySizeMb,
    timeoutSeconds: p.timeoutSeconds,
    logGroup: `/aws/lambda/${p.name}`,
    tracing: p.tracing ?? false,
    initMs: p.initMs ?? [180, 460],
    memoryUsedMb: p.memoryUsedMb ?? [70, 110],
  };
  if (p.version !== undefined) spec.version = p.version;
  return spec;
}

export function writeFunctionConfig(bundle: Bundle, rng: Rng, api: ApiIdentity, fn: FunctionSpec, p: { logFormat: 'Text' | 'JSON'; lastModified: number; environment?: Record<string, string>; architecture?: 'x86_64' | 'arm64'; codeSize?: number; role?: string; timeoutSeconds?: number; memorySizeMb?: number; vpc?: { subnetIds: string[]; securityGroupIds: string[]; vpcId: string } }): void {
  const spec = {
    name: fn.name,
    arn: fn.arn,
    runtime: fn.runtime,
    role: p.role ?? `arn:aws:iam::${api.account}:role/${fn.name}-role-${hex(rng, 8)}`,
    handler: fn.handler,
    timeoutSeconds: p.timeoutSeconds ?? fn.timeoutSeconds,
    memorySizeMb: p.memorySizeMb ?? fn.memorySizeMb,
    lastModified: p.lastModified,
    tracing: fn.tracing ? ('Active' as const) : ('PassThrough' as const),
    logFormat: p.logFormat,
    logGroup: fn.logGroup,
    architecture: p.architecture ?? 'x86_64',
    runtimeVersionArn: runtimeVersionArn(api.region, fn.runtimeVersion),
    codeSize: p.codeSize ?? 1_000_000 + rng.int(0, 4_000_000),
  };
  bundle.json(`functions/${fn.name}.json`, functionConfiguration(rng, {
    ...spec,
    ...(p.environment ? { environment: p.environment } : {}),
    ...(p.vpc ? { vpc: p.vpc } : {}),
  }));
}

/** Invoke's answer when the function timed out (2023+ runtimes): errorType Sandbox.Timedout. */
export function timeoutResponse(timeoutSeconds: number) {
  return (lambdaRequestId: string): InvokeResponse => {
    const errorMessage = `RequestId: ${lambdaRequestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
    return { kind: 'function-error', errorMessage, payload: JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage }) };
  };
}

/** Invoke's answer for a timeout on older runtimes: {"errorMessage":"<ISO> <id> Task timed out after 30.03 seconds"}. */
export function legacyTimeoutResponse(durationMs: number) {
  return (lambdaRequestId: string, endTime: number): InvokeResponse => {
    const errorMessage = `${isoMillis(endTime)} ${lambdaRequestId} Task timed out after ${(durationMs / 1000).toFixed(2)} seconds`;
    return { kind: 'function-error', errorMessage, payload: JSON.stringify({ errorMessage }) };
  };
}

/** Invoke's answer when the sandbox was killed for memory. */
export function oomKilledResponse() {
  return (lambdaRequestId: string): InvokeResponse => {
    const errorMessage = `RequestId: ${lambdaRequestId} Error: Runtime exited with error: signal: killed`;
    return { kind: 'function-error', errorMessage, payload: JSON.stringify({ errorType: 'Runtime.OutOfMemory', errorMessage }) };
  };
}

/** Invoke's answer for an unhandled error, serialised as the runtime does. */
export function unhandledResponse(error: ErrorInfo, runtime: 'node' | 'python' | 'java') {
  return (lambdaRequestId: string): InvokeResponse => ({ kind: 'function-error', errorMessage: error.message, payload: functionErrorPayload(error, runtime, lambdaRequestId) });
}

/** The account's role ARN for a function. */
export function roleArn(api: ApiIdentity, name: string, rng: Rng): string {
  return `arn:aws:iam::${api.account}:role/${name}-role-${hex(rng, 8)}`;
}

/** A CI deploy of new function code, as CloudTrail records UpdateFunctionCode20150331v2. */
export function codeDeployEvent(api: ApiIdentity, fn: FunctionSpec, time: number, codeSize: number, codeSha256: string) {
  return {
    time,
    eventName: 'UpdateFunctionCode20150331v2',
    eventSource: 'lambda.amazonaws.com',
    region: api.region,
    account: api.account,
    username: 'GitHubActions',
    roleName: 'github-actions-deploy',
    userAgent: 'aws-sdk-js/3.712.0 ua/2.1 os/linux#6.8.0-1021-azure lang/js md/nodejs#20.18.1 api/lambda#3.712.0 m/E',
    sourceIp: '20.57.44.' + String(100 + (codeSize % 100)),
    requestParameters: { functionName: fn.name, publish: false, dryRun: false },
    responseElements: {
      functionName: fn.name,
      functionArn: fn.arn,
      runtime: fn.runtime,
      handler: fn.handler,
      codeSize,
      timeout: fn.timeoutSeconds,
      memorySize: fn.memorySizeMb,
      lastModified: isoMillis(time).replace('Z', '+0000'),
      codeSha256,
      version: '$LATEST',
      state: 'Active',
      lastUpdateStatus: 'InProgress',
      lastUpdateStatusReason: 'The function is being created.',
      lastUpdateStatusReasonCode: 'Creating',
    },
    resources: [{ type: 'AWS::Lambda::Function', name: fn.name }],
  };
}
