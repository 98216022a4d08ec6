/**
 * What the Slack endpoints read from an API Gateway proxy event: headers by name whatever their case (a REST API
 * passes them as the client sent them, an HTTP API lower-cases them, and either may carry them only in
 * multiValueHeaders), and the body's exact bytes (base64-decoded when API Gateway encoded it as binary).
 */

/** The parts of an APIGatewayProxyEvent (REST v1; HTTP API payload v1.0 has the same fields) these readers use. */
export interface SlackHttpRequest {
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, string[] | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean | null;
}

/** A header's value, matched without regard to case; the single-valued map first, then the first multi-value. */
export function headerValue(request: SlackHttpRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers ?? {})) {
    if (key.toLowerCase() === wanted && typeof value === 'string') return value;
  }
  for (const [key, values] of Object.entries(request.multiValueHeaders ?? {})) {
    if (key.toLowerCase() !== wanted || !Array.isArray(values)) continue;
    const first = values.find((v): v is string => typeof v === 'string');
    if (first !== undefined) return first;
  }
  return undefined;
}

/** The body as Slack sent it, byte for byte: what the signature covers. */
export function rawBodyBytes(request: SlackHttpRequest): Buffer {
  const body = request.body ?? '';
  return request.isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
}
