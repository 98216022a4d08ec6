/**
 * SDK responses as bundle documents. The SDK and the AWS CLI print the same field names (both come from the
 * service model), so a response becomes the CLI's output once the SDK's own additions are removed:
 * `$metadata` dropped, Date objects written as ISO-8601 strings (the CLI v2 prints ISO too), byte arrays decoded.
 */
export function toBundleDocument(output: unknown): unknown {
  const text = JSON.stringify(output, (key, value: unknown) => {
    if (key === '$metadata') return undefined;
    if (value instanceof Uint8Array) return new TextDecoder().decode(value);
    return value;
  });
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** A JSON body the SDK hands over as bytes (GetExport, ExportApi); undefined with a reason when it is not JSON. */
export function decodeJsonBody(body: Uint8Array | string | undefined): { json: unknown } | { problem: string } {
  if (body === undefined) return { problem: 'the response had no body' };
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  if (text.trim() === '') return { problem: 'the response body was empty' };
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    const start = text.replace(/\s+/g, ' ').trim();
    return { problem: `the response body is not JSON; it starts "${start.slice(0, 60)}${start.length > 60 ? '…' : ''}"` };
  }
}
