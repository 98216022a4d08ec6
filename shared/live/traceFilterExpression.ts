/**
 * X-Ray filter expressions for the failing requests of one API stage (X-Ray developer guide, "Use filter
 * expressions": `http.status` is the trace's response status; `service(id(name: "...", type: "..."))` selects
 * traces through one node). API Gateway names its segment "{api name}/{stage}" with origin
 * AWS::ApiGateway::Stage (API Gateway developer guide, "X-Ray traces for API Gateway APIs": "name": "testxray/dev").
 */
export function failedRequestsFilter(apiName?: string, stage?: string): string {
  const status = 'http.status >= 500';
  if (apiName === undefined || apiName === '' || stage === undefined || stage === '') return status;
  return `service(id(name: "${quote(`${apiName}/${stage}`)}", type: "AWS::ApiGateway::Stage")) AND ${status}`;
}

/** Trace ids as the access log prints them ($context.xrayTraceId), possibly as a header "Root=1-...;Sampled=1". */
export function traceIdOf(value: string): string | undefined {
  return /\b1-[0-9a-f]{8}-[0-9a-f]{24}\b/i.exec(value)?.[0]?.toLowerCase();
}

function quote(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
