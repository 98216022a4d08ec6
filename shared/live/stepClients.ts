import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { XRayClient } from '@aws-sdk/client-xray';
import { AwsCallLog, instrument } from './AwsCallLog.ts';
import type { LiveClients } from './LiveEvidenceSource.ts';

/** The services a live diagnosis calls, by their LiveClients key. */
export type LiveService = Exclude<keyof LiveClients, 'callLog'>;

/** The client classes a step passes for the services it calls (it imports only those: smaller bundles). */
export interface LiveClientClasses {
  apiGateway: typeof APIGatewayClient;
  apiGatewayV2: typeof ApiGatewayV2Client;
  lambda: typeof LambdaClient;
  logs: typeof CloudWatchLogsClient;
  xray: typeof XRayClient;
  cloudWatch: typeof CloudWatchClient;
  cloudTrail: typeof CloudTrailClient;
}

const CALL_LOG_NAMES: Record<LiveService, string> = {
  apiGateway: 'apigateway',
  apiGatewayV2: 'apigatewayv2',
  lambda: 'lambda',
  logs: 'logs',
  xray: 'xray',
  cloudWatch: 'cloudwatch',
  cloudTrail: 'cloudtrail',
};

export const LIVE_SERVICES = Object.keys(CALL_LOG_NAMES) as LiveService[];

/** Thrown when a step calls a service it did not declare (its IAM policy would refuse it too). */
export class UndeclaredServiceError extends Error {
  override name = 'UndeclaredServiceError';
}

/**
 * A stand-in for a client the step did not declare: any call says which service and step, instead of an
 * AccessDenied from IAM at 3 a.m.
 */
export function undeclaredClient<T>(service: LiveService, step: string): T {
  const refuse = () => {
    throw new UndeclaredServiceError(`The ${step} step called ${service}, which it does not declare (functions/${step}/handler.ts lists its services; its IAM policy follows them)`);
  };
  return { send: refuse, destroy: () => undefined, config: {}, middlewareStack: { add: refuse } } as unknown as T;
}

/** LiveClients with real (instrumented) clients for the declared services and refusing stand-ins for the rest. */
export function stepClients(step: string, classes: Partial<LiveClientClasses>, config: Record<string, unknown>, callLog = new AwsCallLog()): LiveClients {
  const make = <K extends LiveService>(service: K): LiveClients[K] => {
    const Class = classes[service] as (new (config: Record<string, unknown>) => LiveClients[K]) | undefined;
    if (!Class) return undeclaredClient<LiveClients[K]>(service, step);
    const client = new Class(config);
    instrument(client as Parameters<typeof instrument>[0], CALL_LOG_NAMES[service], callLog);
    return client;
  };
  return {
    apiGateway: make('apiGateway'),
    apiGatewayV2: make('apiGatewayV2'),
    lambda: make('lambda'),
    logs: make('logs'),
    xray: make('xray'),
    cloudWatch: make('cloudWatch'),
    cloudTrail: make('cloudTrail'),
    callLog,
  };
}

/** The same restriction over existing clients (the local run's bundle-backed account). */
export function restrictClients(clients: LiveClients, step: string, services: readonly LiveService[]): LiveClients {
  const allowed = new Set(services);
  const pick = <K extends LiveService>(service: K): LiveClients[K] => (allowed.has(service) ? clients[service] : undeclaredClient<LiveClients[K]>(service, step));
  return {
    apiGateway: pick('apiGateway'),
    apiGatewayV2: pick('apiGatewayV2'),
    lambda: pick('lambda'),
    logs: pick('logs'),
    xray: pick('xray'),
    cloudWatch: pick('cloudWatch'),
    cloudTrail: pick('cloudTrail'),
    callLog: clients.callLog,
  };
}
