/**
 * AWS console deep links for a diagnosis, for the right region and partition: a Logs Insights query
 * pre-filled for the window, an X-Ray trace, a Lambda function. Pure string building.
 */

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The console's origin in the region's partition. */
export function consoleOrigin(region: string): string {
  switch (partitionOfRegion(region)) {
    case 'aws-cn':
      return `https://${region}.console.amazonaws.cn`;
    case 'aws-us-gov':
      return `https://${region}.console.amazonaws-us-gov.com`;
    default:
      return `https://${region}.console.aws.amazon.com`;
  }
}

export function lambdaFunctionLink(region: string, functionName: string): string {
  return `${consoleOrigin(region)}/lambda/home?region=${region}#/functions/${encodeURIComponent(functionName)}`;
}

export function xrayTraceLink(region: string, traceId: string): string {
  return `${consoleOrigin(region)}/cloudwatch/home?region=${region}#xray:traces/${encodeURIComponent(traceId)}`;
}

/**
 * The console keeps a Logs Insights query in the URL fragment as a rison-like structure
 * (~(end~'...~start~'...~editorString~'...~source~(~'group))) that is URL-encoded twice with "%"
 * written "$", and whose string values are form-encoded with "%" written "*" (format as the console
 * produces it; see naomichi-y/cloudwatch-insights-url-builder's spec for a recorded example).
 */
export function logsInsightsLink(region: string, logGroups: readonly string[], query: string, start: number, end: number): string {
  const value = (s: string) => `$2527${formEncode(s).replace(/%/g, '*')}`;
  const pair = (key: string, encoded: string) => `${key}$257E${encoded}$257E`;
  let fragment = 'logsV2:logs-insights$3FqueryDetail$3D$257E$2528';
  fragment += pair('end', value(new Date(end).toISOString()));
  fragment += pair('start', value(new Date(start).toISOString()));
  fragment += pair('timeType', value('ABSOLUTE'));
  fragment += pair('tz', value('UTC'));
  fragment += pair('editorString', value(query));
  fragment += 'isLiveTail$257Efalse$257E';
  fragment += `source$257E$2528${logGroups.map((g) => `$257E${value(g)}`).join('')}$2529$2529`;
  return `${consoleOrigin(region)}/cloudwatch/home?region=${region}#${fragment}`;
}

/** application/x-www-form-urlencoded: like encodeURIComponent, but space is "+" and !'()~ are escaped too. */
function formEncode(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}
