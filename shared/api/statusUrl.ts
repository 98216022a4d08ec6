/**
 * The URL of GET /diagnoses/{id} as the caller reached POST /diagnoses. On the execute-api domain the path starts
 * with the stage (requestContext.path "/prod/diagnoses"); behind a custom domain it starts with the base path
 * mapping, or nothing ("/v1/diagnoses", "/diagnoses"). So the prefix is requestContext.path up to the resource
 * path, and the stage only when requestContext.path is missing (older events, the console's test invoke).
 */

export interface RequestLocation {
  /** requestContext.domainName: "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com" or a custom domain. */
  domainName?: string | null | undefined;
  /** requestContext.stage */
  stage?: string | null | undefined;
  /** requestContext.path: the path as the client sent it, stage or base path included. */
  path?: string | null | undefined;
  /** requestContext.resourcePath: "/diagnoses". */
  resourcePath?: string | null | undefined;
}

export function diagnosisStatusUrl(location: RequestLocation, id: string): string | undefined {
  const domain = location.domainName?.trim();
  if (!domain || !/^[A-Za-z0-9.-]+(?::\d+)?$/.test(domain)) return undefined;
  const prefix = pathPrefix(location);
  return `https://${domain}${prefix}/diagnoses/${encodeURIComponent(id)}`;
}

function pathPrefix(location: RequestLocation): string {
  const resource = (location.resourcePath ?? '/diagnoses').replace(/\/+$/, '');
  const path = location.path?.replace(/\/+$/, '');
  if (path !== undefined && resource !== '' && path.endsWith(resource)) return path.slice(0, path.length - resource.length);
  const stage = location.stage?.trim();
  return stage ? `/${encodeURIComponent(stage)}` : '';
}
