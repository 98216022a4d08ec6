/**
 * Where a stage's access logs go, from accessLogSettings.destinationArn:
 * - a CloudWatch Logs group: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/orders-api-prod-access"
 *   (sometimes with a trailing ":*", as log group ARNs are printed by DescribeLogGroups);
 * - a Kinesis Data Firehose stream: "arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-orders",
 *   which Logs Insights cannot read.
 */
export type LogDestination =
  | { kind: 'log-group'; logGroup: string; partition: string; region: string; accountId: string }
  | { kind: 'firehose'; stream: string; arn: string }
  | { kind: 'unknown'; arn: string };

export function logDestinationOf(arn: string): LogDestination {
  const text = arn.trim();
  const logs = /^arn:([\w-]+):logs:([^:]*):([^:]*):log-group:(.+?)(?::\*)?$/.exec(text);
  if (logs) return { kind: 'log-group', partition: logs[1] ?? 'aws', region: logs[2] ?? '', accountId: logs[3] ?? '', logGroup: logs[4] ?? '' };
  const firehose = /^arn:[\w-]+:firehose:[^:]*:[^:]*:deliverystream\/(.+)$/.exec(text);
  if (firehose) return { kind: 'firehose', stream: firehose[1] ?? '', arn: text };
  return { kind: 'unknown', arn: text };
}

/** REST API execution logs: API Gateway writes them to this group, always (HTTP APIs have none). */
export function executionLogGroupOf(apiId: string, stage: string): string {
  return `API-Gateway-Execution-Logs_${apiId}/${stage}`;
}
