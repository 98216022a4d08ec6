/** An error as a structured log field (name, message, stack, and the SDK's $metadata), never as response text. */
export function errorForLog(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const metadata = (error as { $metadata?: unknown }).$metadata;
  return { name: error.name, message: error.message, stack: error.stack, ...(metadata !== undefined ? { $metadata: metadata } : {}) };
}
