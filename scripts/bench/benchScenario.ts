/**
 * The synthetic incident the benchmark writes: a REST API `shop-api` (stage prod) in front of four
 * Lambda functions (Node.js 20, text log format). Healthy traffic for 50 minutes; from 12 minutes
 * before the alarm three things fail at once: GET /orders/{id} for customers with a long order
 * history runs past orders-fn's 6 s timeout, POST /orders without a coupon throws a TypeError in
 * checkout-fn, and inventory-fn's DynamoDB table throttles (the function catches it and answers 503).
 */
export const ACCOUNT = '384756102938';
export const REGION = 'us-east-1';
export const API_ID = 'k3v9qz71ma';
export const API_NAME = 'shop-api';
export const STAGE = 'prod';

export type FunctionKey = 'orders' | 'checkout' | 'inventory' | 'catalog';

export interface FunctionSpec {
  key: FunctionKey;
  name: string;
  timeoutSeconds: number;
  memoryMb: number;
  handler: string;
}

export const FUNCTIONS: Record<FunctionKey, FunctionSpec> = {
  orders: { key: 'orders', name: 'orders-fn', timeoutSeconds: 6, memoryMb: 512, handler: 'index.handler' },
  checkout: { key: 'checkout', name: 'checkout-fn', timeoutSeconds: 15, memoryMb: 1024, handler: 'index.handler' },
  inventory: { key: 'inventory', name: 'inventory-fn', timeoutSeconds: 10, memoryMb: 256, handler: 'index.handler' },
  catalog: { key: 'catalog', name: 'catalog-fn', timeoutSeconds: 10, memoryMb: 256, handler: 'src/catalog.handler' },
};

export interface RouteSpec {
  method: 'GET' | 'POST';
  resource: string;
  fn: FunctionKey;
  /** Share of the traffic. */
  weight: number;
}

export const ROUTES: readonly RouteSpec[] = [
  { method: 'GET', resource: '/orders/{id}', fn: 'orders', weight: 0.4 },
  { method: 'POST', resource: '/orders', fn: 'checkout', weight: 0.22 },
  { method: 'GET', resource: '/inventory/{sku}', fn: 'inventory', weight: 0.32 },
  { method: 'GET', resource: '/products/{sku}', fn: 'catalog', weight: 0.06 },
];

/** The three causes of the incident, with the contract's root-cause id each should be diagnosed as. */
export type FailureKind = 'timeout' | 'type-error' | 'dynamodb-throttle';
export const EXPECTED_ROOT_CAUSE: Record<FailureKind, string> = {
  timeout: 'lambda-timeout',
  'type-error': 'lambda-unhandled-error',
  'dynamodb-throttle': 'downstream-dependency-failure',
};

/** Chance that a request of the route fails once the incident has begun. */
export const FAILURE_RATE: Record<FailureKind, number> = {
  timeout: 0.1,
  'type-error': 0.14,
  'dynamodb-throttle': 0.08,
};

const MINUTE = 60_000;

/** The incident's clock, in epoch ms. */
export interface Timeline {
  /** First request of the bundle. */
  start: number;
  /** When the failures begin. */
  onset: number;
  /** The alarm's state change to ALARM. */
  alarm: number;
  /** When the bundle was recorded: the last request. */
  end: number;
}

export const TIMELINE: Timeline = (() => {
  const alarm = Date.UTC(2026, 2, 10, 14, 0, 0) + 17_372;
  return { start: alarm - 45 * MINUTE, onset: alarm - 12 * MINUTE, alarm, end: alarm + 5 * MINUTE - 20_000 };
})();

/** Events a request writes on average (15 execution lines, 1 access record, ~5.3 Lambda lines): sizes the traffic. */
export const EVENTS_PER_REQUEST = 21.2;

export const LAMBDA_RUNTIME_VERSION = 'nodejs:20.v43';
export const LAMBDA_RUNTIME_VERSION_ARN = `arn:aws:lambda:${REGION}::runtime:ccda189726443d0d93663d7723dc28258d8956848ac27b4dcaff3e9d0c6abb0e`;
