/**
 * One problem with a manual diagnosis request, for the 400 response: which field (a body field, `body` for the body
 * as a whole, `window` for from/to/since taken together, `id` for the path parameter) and what to do about it.
 */
export interface FieldError {
  field: string;
  message: string;
}

/** The error body every 4xx/5xx response of the manual diagnosis API has (docs/openapi.json "Error"). */
export interface ErrorBody {
  message: string;
  errors?: FieldError[];
}

/** A value from the request, quoted for a message: JSON-escaped and cut short, so a message never grows with the input. */
export function quoteInput(value: unknown, max = 60): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}
