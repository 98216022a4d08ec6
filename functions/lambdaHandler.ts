import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { redactPatternProblems } from '../shared/redact/redactPatternsFromEnv.ts';

/** One structured JSON logger per function (POWERTOOLS_SERVICE_NAME, POWERTOOLS_LOG_LEVEL from the environment). */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'apigw-doctor' });

/** The diagnosis an event is about, so that every log line of every step carries it. */
function diagnosisIdOf(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const record = event as { incident?: { diagnosisId?: unknown }; diagnosisId?: unknown };
  const id = record.incident?.diagnosisId ?? record.diagnosisId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * A Lambda handler around a domain function: middy with Powertools' Lambda context in every log line, the
 * diagnosis id as a key, and the dependencies built once per cold start (lazily, so importing the module
 * neither reads the environment nor creates clients: the local workflow passes its own).
 */
export function lambdaHandler<E, R, D>(run: (event: E, deps: D) => Promise<R>, deps: () => D | Promise<D>) {
  let built: Promise<D> | undefined;
  return middy<E, R, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const id = diagnosisIdOf(event);
      if (id !== undefined) logger.appendKeys({ diagnosisId: id });
      if (built === undefined) {
        // A REDACT_PATTERNS entry that cannot be used is named (by index, never its text) once per cold start.
        for (const problem of redactPatternProblems()) logger.warn(problem);
      }
      built ??= Promise.resolve(deps());
      return run(event, await built);
    });
}
