import { UsageError } from '../errors.ts';

/**
 * Why the API or stage named on the command line cannot be diagnosed. All are usage errors (exit 2): the
 * user named something that is not there, is ambiguous, or that their credentials may not see.
 */

export type ApiKind = 'REST' | 'HTTP' | 'WEBSOCKET';

export interface ApiCandidate {
  id: string;
  name?: string;
  type: ApiKind;
  /** ISO-8601, when the listing said. */
  created?: string;
}

/** No REST or HTTP API with that id or name (or no such stage on it). */
export class ApiNotFoundError extends UsageError {
  override name = 'ApiNotFoundError';
  constructor(
    message: string,
    readonly api: string,
    readonly stage?: string,
  ) {
    super(message);
  }
}

/** A name that several APIs share: the user must pass the id. */
export class AmbiguousApiError extends UsageError {
  override name = 'AmbiguousApiError';
  constructor(
    readonly api: string,
    readonly candidates: ApiCandidate[],
    region?: string,
  ) {
    super(
      `"${api}" names ${candidates.length} APIs${region ? ` in ${region}` : ''}: ${candidates.map((c) => describeCandidate(c, false)).join('; ')}. Pass the id with --api.`,
    );
  }
}

/** The credentials may not read API Gateway at all, so the API cannot even be found. */
export class ApiAccessDeniedError extends UsageError {
  override name = 'ApiAccessDeniedError';
}

/** The credentials were missing or rejected (no profile, expired session, wrong keys). */
export class AwsCredentialsError extends UsageError {
  override name = 'AwsCredentialsError';
}

/** "a1b2c3d4e5 (REST, created 2026-01-12)" */
export function describeCandidate(candidate: ApiCandidate, withName = true): string {
  const created = candidate.created ? `, created ${candidate.created.slice(0, 10)}` : '';
  const name = withName && candidate.name !== undefined ? ` "${candidate.name}"` : '';
  return `${candidate.id}${name} (${candidate.type}${created})`;
}
