/** Normalised context that is not a log line: the alarm, the stage, the integrations, functions, metrics, changes. */

export interface AlarmInfo {
  name: string;
  state?: string;
  /** Epoch ms of the state change. */
  stateChangeTime?: number;
  metricName?: string;
  namespace?: string;
  /** Dimensions as a map, whichever shape the alarm came in. */
  dimensions: Record<string, string>;
  periodSeconds?: number;
  evaluationPeriods?: number;
  reason?: string;
  shape: 'eventbridge' | 'sns';
}

export interface StageInfo {
  apiType: 'REST' | 'HTTP';
  stageName?: string;
  apiId?: string;
  deploymentId?: string;
  /** REST methodSettings["*\/*"].loggingLevel / HTTP defaultRouteSettings; "OFF" when execution logging is off. */
  executionLoggingLevel?: string;
  dataTraceEnabled?: boolean;
  accessLogDestinationArn?: string;
  accessLogFormat?: string;
  tracingEnabled?: boolean;
  variables: Record<string, string>;
  lastUpdated?: number;
}

export interface DeploymentInfo {
  id: string;
  createdDate: number;
  description?: string;
}

/** One route/method and what it integrates with, from the OpenAPI export. */
export interface IntegrationInfo {
  /** "GET /orders/{id}" */
  route: string;
  type?: string; // aws_proxy, aws, http_proxy, http, mock
  uri?: string;
  /** Lambda function name when uri is a Lambda invocation ARN (stage variables left as ${stageVariables.x}). */
  functionName?: string;
  functionArn?: string;
  connectionType?: string; // VPC_LINK / INTERNET
  timeoutMs?: number;
  credentials?: string;
  hasRequestTemplates?: boolean;
  hasResponseTemplates?: boolean;
  authorizer?: string;
  /** HTTP APIs: "2.0" or "1.0" for Lambda proxy integrations (2.0 accepts any JSON as the response). */
  payloadFormatVersion?: string;
  /** HTTP APIs: AWS service integration ("SQS-SendMessage", "StepFunctions-StartExecution"); type is aws_proxy but no Lambda is involved. */
  integrationSubtype?: string;
  /** VPC link id when connectionType is VPC_LINK. */
  connectionId?: string;
}

export interface ApiExportInfo {
  title?: string;
  apiId?: string;
  apiType?: 'REST' | 'HTTP';
  integrations: IntegrationInfo[];
  authorizers: { name: string; functionName?: string; type?: string }[];
}

export interface FunctionInfo {
  name: string;
  arn?: string;
  runtime?: string;
  timeoutSeconds?: number;
  memorySizeMb?: number;
  lastModified?: number;
  logGroup?: string;
  role?: string;
  reservedConcurrency?: number;
  version?: string;
  state?: string;
  stateReason?: string;
  lastUpdateStatus?: string;
  handler?: string;
  vpc?: boolean;
  tracingMode?: string;
  file: string;
}

export interface MetricSeries {
  id: string;
  label?: string;
  metricName?: string;
  namespace?: string;
  dimensions: Record<string, string>;
  stat?: string;
  periodSeconds?: number;
  points: { timestamp: number; value: number }[];
  file: string;
}

export interface ChangeEvent {
  time: number;
  eventName: string;
  eventSource: string;
  who: string;
  resources: string[];
  /** A short description ("UpdateFunctionConfiguration20150331v2 on orders-fn: Timeout 30 -> 3" when the request says). */
  what: string;
  file: string;
}

export interface BundleContext {
  alarm?: AlarmInfo;
  stage?: StageInfo;
  deployments: DeploymentInfo[];
  api?: ApiExportInfo;
  functions: FunctionInfo[];
  metrics: MetricSeries[];
  changes: ChangeEvent[];
}
