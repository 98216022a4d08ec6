import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { apiErrorKind } from '../api/apiErrorKind.ts';
import type { ManualExecutionInput } from '../workflow/stepPayloads.ts';
import { newSlackDiagnosisId } from './slackDiagnosisId.ts';
import { withinBudget } from './withinBudget.ts';

/**
 * Starts the diagnosis workflow for a Slack request: the same state machine and ManualExecutionInput as the manual
 * API, with `requestedBy: "slack:<team>/<user>"` and where to post the result (`reply`). One StartExecution call,
 * raced against what is left of Slack's 3 seconds.
 */
export interface DiagnosisStarter {
  sfn: SFNClient;
  stateMachineArn: string;
  /** The 6 random characters of the id (tests pin them). */
  random?: () => string;
}

export interface SlackDiagnosisRequest {
  apiId: string;
  stage: string;
  /** A window back from now (ms), or a fixed window (epoch ms). */
  window: { since: number } | { from: number; to: number };
  teamId?: string;
  userId: string;
  reply: NonNullable<ManualExecutionInput['manual']['reply']>;
}

export type StartOutcome =
  | { kind: 'started'; id: string }
  /** StartExecution had not answered within the budget; it may still start (the name makes a retry idempotent). */
  | { kind: 'pending'; id: string }
  /** A sentence for the user; the error itself is for the logs. */
  | { kind: 'failed'; id: string; message: string; error: unknown };

export function requestedBy(teamId: string | undefined, userId: string): string {
  return `slack:${teamId ?? 'unknown'}/${userId}`;
}

export async function startSlackDiagnosis(starter: DiagnosisStarter, request: SlackDiagnosisRequest, now: number, budgetMs: number, onLateFailure?: (error: unknown) => void): Promise<StartOutcome> {
  const id = newSlackDiagnosisId(request.apiId, request.stage, now, starter.random);
  const reply = Object.fromEntries(Object.entries(request.reply).filter(([, v]) => v !== undefined && v !== ''));
  const input: ManualExecutionInput = {
    manual: {
      id,
      apiId: request.apiId,
      stage: request.stage,
      ...request.window,
      requestedBy: requestedBy(request.teamId, request.userId),
      ...(Object.keys(reply).length > 0 ? { reply } : {}),
    },
  };
  const call = starter.sfn.send(new StartExecutionCommand({ stateMachineArn: starter.stateMachineArn, name: id, input: JSON.stringify(input) }));
  try {
    const outcome = await withinBudget(call, budgetMs, onLateFailure);
    return outcome.done ? { kind: 'started', id } : { kind: 'pending', id };
  } catch (error) {
    const kind = apiErrorKind(error);
    const message =
      kind === 'retry-later'
        ? 'Step Functions is throttling or busy right now, so the diagnosis did not start; try again in a few seconds.'
        : kind === 'execution-exists'
          ? `A diagnosis named \`${id}\` already exists; run the command again for a new one.`
          : "The diagnosis could not be started (the error is in the Slack function's logs); try again, or ask the app's admin to look.";
    return { kind: 'failed', id, message, error };
  }
}
