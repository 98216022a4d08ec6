import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { XRayClient } from '@aws-sdk/client-xray';
import { fromIni } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsCallLog, instrument } from './AwsCallLog.ts';

export interface AwsClientOptions {
  /** Region; unset means the SDK's chain (AWS_REGION, the profile's region). */
  region?: string;
  /** Named profile from ~/.aws/config and ~/.aws/credentials; unset means the SDK's default credential chain. */
  profile?: string;
  /** Endpoint override for every service (moto, LocalStack). AWS_ENDPOINT_URL is honoured by the SDK itself. */
  endpoint?: string;
  /** Explicit credentials (tests, the workflow); wins over `profile`. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Attempts per call including the first, with adaptive retry (default 4). */
  maxAttempts?: number;
  /** The log every call is recorded in (a new one by default). */
  callLog?: AwsCallLog;
}

/** One client per service the live path calls, all sharing one call log. */
export interface AwsClients {
  apiGateway: APIGatewayClient;
  apiGatewayV2: ApiGatewayV2Client;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  xray: XRayClient;
  cloudWatch: CloudWatchClient;
  cloudTrail: CloudTrailClient;
  callLog: AwsCallLog;
  /** The region the clients resolved (from the options or the SDK's chain). */
  region(): Promise<string>;
  /** Closes the clients' sockets. */
  destroy(): void;
}

/**
 * Builds every client with the user's own credentials (the SDK's default chain, or `fromIni({ profile })`),
 * adaptive retry (client-side rate limiting when a service throttles), and call recording.
 */
export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
  const callLog = options.callLog ?? new AwsCallLog();
  const credentials = options.credentials ?? (options.profile !== undefined ? fromIni({ profile: options.profile }) : undefined);
  const config = {
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? 4,
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(credentials !== undefined ? { credentials } : {}),
    // fromIni reads the profile's region only for credentials; the clients need the profile for region too.
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
  };
  const apiGateway = new APIGatewayClient(config);
  const apiGatewayV2 = new ApiGatewayV2Client(config);
  const lambda = new LambdaClient(config);
  const logs = new CloudWatchLogsClient(config);
  const xray = new XRayClient(config);
  const cloudWatch = new CloudWatchClient(config);
  const cloudTrail = new CloudTrailClient(config);
  instrument(apiGateway, 'apigateway', callLog);
  instrument(apiGatewayV2, 'apigatewayv2', callLog);
  instrument(lambda, 'lambda', callLog);
  instrument(logs, 'logs', callLog);
  instrument(xray, 'xray', callLog);
  instrument(cloudWatch, 'cloudwatch', callLog);
  instrument(cloudTrail, 'cloudtrail', callLog);
  const clients: AwsClients = {
    apiGateway,
    apiGatewayV2,
    lambda,
    logs,
    xray,
    cloudWatch,
    cloudTrail,
    callLog,
    region: async () => {
      const region = apiGateway.config.region;
      return typeof region === 'function' ? await region() : region;
    },
    destroy: () => {
      for (const client of [clients.apiGateway, clients.apiGatewayV2, clients.lambda, clients.logs, clients.xray, clients.cloudWatch, clients.cloudTrail]) {
        client.destroy();
      }
    },
  };
  return clients;
}
