import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ApiResponse } from '../../shared/api/apiResponse.ts';
import { errorForLog } from '../../shared/api/errorForLog.ts';
import { checkAllowed } from '../../shared/chatops/allowList.ts';
import { DEFAULT_SINCE_MS } from '../../shared/chatops/parseSlashCommand.ts';
import { evidenceReply, evidenceUnavailableReply } from '../../shared/chatops/evidenceReply.ts';
import { readChatAction, readInteractionPayload, sameWindow, widenedWindow, windowTooOld, type BlockActionsInteraction, type ChatAction, type WindowTarget } from '../../shared/chatops/interactions.ts';
import type { ResponseUrlMessage } from '../../shared/chatops/responsePoster.ts';
import { badRequestResponse, emptyOkResponse } from '../../shared/chatops/slackHttpResponses.ts';
import { escapeMrkdwn, mentionUser, spokenDuration, utcClock, utcRange } from '../../shared/chatops/slackText.ts';
import { requestedBy, startSlackDiagnosis } from '../../shared/chatops/startSlackDiagnosis.ts';
import { budgetClock, withinBudget } from '../../shared/chatops/withinBudget.ts';
import { EvidenceNotFound } from '../../shared/store/evidenceErrors.ts';
import { evidenceKey } from '../../shared/workflow/evidenceKeys.ts';
import { logger } from '../lambdaHandler.ts';
import { verifiedSlackBody } from '../verifiedSlackBody.ts';
import type { SlackInteractivityDeps } from './deps.ts';

/** Time kept for the follow-up post after the action itself (response_url is one HTTPS call). */
const RESERVE_FOR_POST_MS = 600;
const RESERVE_FOR_ANSWER_MS = 100;

/**
 * The buttons on a diagnosis message: verify Slack's signature (401 otherwise), check the allow-list, do the
 * action, post the follow-up ephemerally to the interaction's response_url, and acknowledge with an empty 200
 * (Slack ignores the body of an interaction's answer). Buttons this app does not own (link buttons, which Slack
 * reports too) are acknowledged and left alone.
 */
export async function slackInteractivity(event: APIGatewayProxyEvent, deps: SlackInteractivityDeps): Promise<ApiResponse> {
  const left = budgetClock(deps.config.ackBudgetMs, deps.now);
  const now = deps.now();
  const auth = await verifiedSlackBody(event, deps.authenticator, now);
  if ('response' in auth) return auth.response;
  const read = readInteractionPayload(auth.body);
  if (read.kind === 'invalid') {
    logger.warn('Signed request is not an interaction payload', { problem: read.problem });
    return badRequestResponse();
  }
  if (read.kind === 'other') {
    logger.info('Interaction type not handled', { type: read.type });
    return emptyOkResponse();
  }
  const interaction = read.interaction;
  logger.appendKeys({ slackTeam: interaction.teamId, slackUser: interaction.userId, slackChannel: interaction.channelId });
  const pressed = interaction.actions.map(readChatAction).find((a) => !('unknownActionId' in a));
  if (pressed === undefined || 'unknownActionId' in pressed) return emptyOkResponse();

  const reply = (message: ResponseUrlMessage) => post(deps, interaction, message);
  const allowed = checkAllowed(deps.config.allowList, interaction);
  let work: Promise<void>;
  if (!allowed.allowed) {
    logger.info('Button press refused by the allow-list', { reason: allowed.reason });
    work = reply(ephemeral(allowed.message));
  } else if ('problem' in pressed) {
    logger.warn('Button value not usable', { problem: pressed.problem });
    work = reply(ephemeral(`This button cannot be used: ${pressed.problem}. Nothing was done.`));
  } else {
    logger.info('Button pressed', { action: pressed.action.kind });
    work = act(pressed.action, interaction, deps, now, left).then(reply);
  }
  const done = await withinBudget(work, left() - RESERVE_FOR_ANSWER_MS, (error) => logger.error('Button action failed after the answer', { error: errorForLog(error) }));
  if (!done.done) logger.warn('Button action did not finish within the budget; Slack was answered first');
  return emptyOkResponse();
}

/** Does what the button asks and returns the follow-up. Never throws: a failure is a message (and a log line). */
async function act(action: ChatAction, interaction: BlockActionsInteraction, deps: SlackInteractivityDeps, now: number, left: () => number): Promise<ResponseUrlMessage> {
  try {
    switch (action.kind) {
      case 'rerun':
      case 'widen':
        return await rerun(action, interaction, deps, now, left);
      case 'show_evidence':
        return await showEvidence(action.diagnosisId, deps);
      case 'mute':
        return await mute(action.apiId, action.stage, interaction, deps, now);
    }
  } catch (error) {
    logger.error('Button action failed', { action: action.kind, error: errorForLog(error) });
    return ephemeral("That did not work (the error is in the Slack function's logs); try again, or ask the app's admin to look.");
  }
}

async function rerun(action: WindowTarget & { kind: 'rerun' | 'widen' }, interaction: BlockActionsInteraction, deps: SlackInteractivityDeps, now: number, left: () => number): Promise<ResponseUrlMessage> {
  const max = deps.config.maxWindowMs;
  // A message without a window (the renderer knew none) means the last hour, as /diagnose does.
  const base = action.from !== undefined && action.to !== undefined ? { from: action.from, to: action.to } : { from: now - DEFAULT_SINCE_MS, to: now };
  const choice = action.kind === 'widen' ? widenedWindow(base, max) : sameWindow(base, max);
  const target = `\`${action.apiId}\`/\`${escapeMrkdwn(action.stage)}\``;
  const tooOld = windowTooOld(choice, now);
  if (tooOld !== undefined) return ephemeral(`${tooOld}. Nothing was started; run \`/diagnose ${action.apiId} ${action.stage}\` for the last hour instead.`);

  const threadTs = interaction.isEphemeral === true ? undefined : (interaction.threadTs ?? interaction.messageTs);
  const outcome = await startSlackDiagnosis(
    deps.starter,
    {
      apiId: action.apiId,
      stage: action.stage,
      window: { from: choice.from, to: choice.to },
      ...(interaction.teamId !== undefined ? { teamId: interaction.teamId } : {}),
      userId: interaction.userId,
      reply: {
        ...(interaction.responseUrl ? { responseUrl: interaction.responseUrl } : {}),
        ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
        userId: interaction.userId,
        ...(threadTs ? { threadTs } : {}),
      },
    },
    now,
    left() - RESERVE_FOR_POST_MS,
    (error) => logger.error('StartExecution failed after the answer', { error: errorForLog(error) }),
  );
  logger.appendKeys({ diagnosisId: outcome.id });
  const length = choice.to - choice.from;
  const before = base.to - base.from;
  const lead =
    action.kind === 'rerun'
      ? `Re-running the diagnosis of ${target}`
      : before >= max
        ? `The window is already ${spokenDuration(before)}, the longest allowed, so it is re-run as is: diagnosing ${target}`
        : choice.capped
          ? `Widening to ${spokenDuration(length)}, the longest window allowed (×4 would be ${spokenDuration(choice.requestedMs)}): diagnosing ${target}`
          : `Widening ×4 to ${spokenDuration(length)}: diagnosing ${target}`;
  const span = `${lead} over ${utcRange(choice.from, choice.to)}`;
  const where = threadTs ? 'in this thread' : 'here';
  switch (outcome.kind) {
    case 'started':
      logger.info('Diagnosis started from a button', { action: action.kind, apiId: action.apiId, stage: action.stage, from: choice.from, to: choice.to, capped: choice.capped });
      return ephemeral(`${span}… (\`${outcome.id}\`), asked by ${mentionUser(interaction.userId)}. The result will be posted ${where} when it finishes.`);
    case 'pending':
      return ephemeral(`${span} (\`${outcome.id}\`): Step Functions has not confirmed the start yet. If it started, the result will be posted ${where}; if nothing arrives, press the button again.`);
    case 'failed':
      logger.error('StartExecution failed', { error: errorForLog(outcome.error) });
      return ephemeral(`${span}: ${outcome.message}`);
  }
}

async function showEvidence(diagnosisId: string, deps: SlackInteractivityDeps): Promise<ResponseUrlMessage> {
  const ref = evidenceKey(diagnosisId, 'diagnosis.json');
  let document: unknown;
  try {
    document = await deps.store.getJson(ref);
  } catch (error) {
    if (error instanceof EvidenceNotFound) {
      return evidenceUnavailableReply(diagnosisId, "its diagnosis.json is not in the evidence store: the diagnosis has not finished, or the bucket's lifecycle rule has removed it.");
    }
    logger.error('Reading diagnosis.json failed', { ref, error: errorForLog(error) });
    return evidenceUnavailableReply(diagnosisId, "its diagnosis.json could not be read (the error is in the Slack function's logs).");
  }
  return evidenceReply(document, { diagnosisId, ...(deps.store.locationOf ? { location: deps.store.locationOf(ref) } : {}) });
}

async function mute(apiId: string, stage: string, interaction: BlockActionsInteraction, deps: SlackInteractivityDeps, now: number): Promise<ResponseUrlMessage> {
  const until = now + deps.config.muteMs;
  const by = requestedBy(interaction.teamId, interaction.userId);
  const inForce = await deps.mutes.mute(apiId, stage, until, by, now);
  const target = `\`${apiId}\`/\`${escapeMrkdwn(stage)}\``;
  const who = mentionUser(/\/([^/]+)$/.exec(inForce.by)?.[1] ?? inForce.by);
  logger.info('API muted', { apiId, stage, until: inForce.until, by: inForce.by });
  if (inForce.until > until) return ephemeral(`${target} is already muted until ${utcClock(inForce.until)} by ${who}; that longer mute stays.`);
  return ephemeral(`${target} muted until ${utcClock(inForce.until)} by ${who}: its diagnoses are not posted until then (${spokenDuration(deps.config.muteMs)}).`);
}

async function post(deps: SlackInteractivityDeps, interaction: BlockActionsInteraction, message: ResponseUrlMessage): Promise<void> {
  if (interaction.responseUrl === undefined) {
    logger.warn('The interaction has no response_url; the follow-up cannot be posted');
    return;
  }
  const outcome = await deps.poster.post(interaction.responseUrl, message);
  if (!outcome.ok) logger.warn('Posting to response_url failed', { status: outcome.status, error: outcome.error });
}

function ephemeral(text: string): ResponseUrlMessage {
  return { response_type: 'ephemeral', replace_original: false, text };
}
