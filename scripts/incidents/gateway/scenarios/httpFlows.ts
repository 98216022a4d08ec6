/**
 * Request outcomes on HTTP APIs (no execution logs: only the access log and the backend's own logs tell).
 * - An HTTP_PROXY backend answer is passed through: $context.status = $context.integrationStatus = backend status.
 * - An integration timeout answers 503 {"message":"Service Unavailable"} (33 bytes) after ~30 s: serverless/serverless#11222
 *   and anomalyco/sst#2232 report the 503 on HTTP API timeouts; cortexlabs/cortex#1225 shows the body and content-length 33.
 *   The HTTP API maximum is 30 s (awsdocs/amazon-api-gateway-developer-guide#74).
 * - Other gateway failures answer {"message":"Internal Server Error"} (35 bytes).
 * What HTTP APIs write in $context.integrationErrorMessage for these cases was not found in public material, so the
 * bundles leave it unset ("-"), as serverless-application-model#2005 reports for a failing HTTP API Lambda authorizer.
 */
import type { GatewayRequest } from '../gatewayRequest.ts';
import type { Random } from '../random.ts';
import { httpGatewayError } from './restFlows.ts';

export function httpProxyAnswered(rng: Random, req: GatewayRequest, status: number, latency: number, responseLength: number): void {
  req.status = status;
  req.integrationStatus = status;
  req.integrationBackendStatus = status;
  req.integrationLatency = latency;
  req.responseLength = responseLength;
  req.responseLatency = latency + rng.int(2, 9);
}

export function httpIntegrationTimeout(rng: Random, req: GatewayRequest, timeoutMs = 30_000): void {
  httpGatewayError(req, 503, 'Service Unavailable', timeoutMs + rng.int(2, 12));
}

export function httpInternalError(rng: Random, req: GatewayRequest, latencyRange: [number, number]): void {
  httpGatewayError(req, 500, 'Internal Server Error', rng.int(latencyRange[0], latencyRange[1]));
}
