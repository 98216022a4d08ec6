import type { SlackHttpRequest } from './slackRequest.ts';
import type { SlackSecretsSource } from './slackSecrets.ts';
import { verifySlackSignature, type SignatureCheck } from './verifySlackSignature.ts';

export type AuthenticationResult = SignatureCheck | { ok: false; reason: 'secret-unavailable'; detail: string };

/** How often a mismatch may bypass the secret cache (a flood of forged requests must not become a flood of reads). */
export const SECRET_REFRESH_INTERVAL_MS = 60_000;

/**
 * Verifies requests with the signing secret from the cached Slack secret. A well-formed, fresh request whose
 * signature does not match is checked once more against a freshly read secret (at most once a minute per
 * container), so that a signing secret regenerated in Slack and updated in Secrets Manager works without waiting
 * for the cache to expire.
 */
export class SlackRequestAuthenticator {
  private lastRefresh = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly secrets: SlackSecretsSource,
    private readonly refreshIntervalMs = SECRET_REFRESH_INTERVAL_MS,
  ) {}

  async authenticate(request: SlackHttpRequest, nowMs: number): Promise<AuthenticationResult> {
    let signingSecret: string;
    try {
      signingSecret = (await this.secrets()).signingSecret;
    } catch (error) {
      return { ok: false, reason: 'secret-unavailable', detail: error instanceof Error ? error.message : String(error) };
    }
    const check = verifySlackSignature(request, signingSecret, nowMs);
    if (check.ok || check.reason !== 'mismatch' || nowMs - this.lastRefresh < this.refreshIntervalMs) return check;
    this.lastRefresh = nowMs;
    let fresh: string;
    try {
      fresh = (await this.secrets({ forceFetch: true })).signingSecret;
    } catch {
      return check;
    }
    return fresh === signingSecret ? check : verifySlackSignature(request, fresh, nowMs);
  }
}
