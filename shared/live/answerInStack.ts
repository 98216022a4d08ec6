import type { InstrumentableClient } from './AwsCallLog.ts';

/**
 * Test and benchmark support: makes a real SDK client answer from a function instead of the network,
 * *inside* its middleware stack (after serialising, retry and signing), so that everything around the
 * call — instrumentation, retries, the HTTP method — runs as in production. aws-sdk-client-mock replaces
 * `send` and skips all of that; use it where the stack does not matter.
 *
 * The client needs a region and credentials (static ones do) because signing still runs.
 */

/** Returns the command's output (without $metadata), or throws an SDK-shaped error. */
export type StackAnswer = (commandName: string, input: Record<string, unknown>) => unknown;

export interface AnswerOptions {
  /** Simulated service latency, ms (the live benchmark uses it). */
  latencyMs?: number | ((commandName: string) => number);
  sleep?: (ms: number) => Promise<void>;
}

export function answerInStack<I extends object, O extends object>(client: InstrumentableClient<I, O>, answer: StackAnswer, options: AnswerOptions = {}): void {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      const commandName = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const latency = typeof options.latencyMs === 'function' ? options.latencyMs(commandName) : options.latencyMs;
      if (latency !== undefined && latency > 0) await sleep(latency);
      const input: unknown = args.input;
      const answered = await answer(commandName, typeof input === 'object' && input !== null ? { ...input } : {});
      const fields = typeof answered === 'object' && answered !== null ? answered : {};
      // The answer stands in for the deserialiser, so its shape is the caller's word for the output type.
      const output = { $metadata: { httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 }, ...fields } as unknown as O;
      return { response: { statusCode: 200, headers: {} }, output };
    },
    { step: 'deserialize', name: 'apigwDoctorAnswerInStack', priority: 'high', override: true },
  );
}

/** An error in the shape the SDK throws for a service error response (name, $fault, $metadata.httpStatusCode). */
export function serviceError(name: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: '3b6d2c1e-8f0a-4e57-9a43-0c6f7d2e9b11', attempts: 1, totalRetryDelay: 0 },
  });
}
