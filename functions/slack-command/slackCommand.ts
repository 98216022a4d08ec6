import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ApiResponse } from '../../shared/api/apiResponse.ts';
import { errorForLog } from '../../shared/api/errorForLog.ts';
import { unwatchedErrors } from '../../shared/api/watchedApis.ts';
import { checkAllowed } from '../../shared/chatops/allowList.ts';
import { defaultStageFor } from '../../shared/chatops/chatOpsConfig.ts';
import { parseDiagnoseText, readSlashCommand, usageText } from '../../shared/chatops/parseSlashCommand.ts';
import { describeChoice, type ApiResolution, type ResolvedApi } from '../../shared/chatops/resolveApi.ts';
import { emptyOkResponse, ephemeralResponse } from '../../shared/chatops/slackHttpResponses.ts';
import { escapeMrkdwn, mentionUser, spokenDuration } from '../../shared/chatops/slackText.ts';
import { startSlackDiagnosis } from '../../shared/chatops/startSlackDiagnosis.ts';
import { budgetClock, withinBudget } from '../../shared/chatops/withinBudget.ts';
import { logger } from '../lambdaHandler.ts';
import { verifiedSlackBody } from '../verifiedSlackBody.ts';
import type { SlackCommandDeps } from './deps.ts';

/** What the name lookup leaves for StartExecution and the answer's trip back through API Gateway. */
const RESERVE_FOR_START_MS = 800;
const RESERVE_FOR_ANSWER_MS = 100;

/**
 * `/diagnose <api> [stage] [since]`: verify Slack's signature (401 otherwise), check the allow-list, read the
 * arguments, resolve the API, start the workflow, and answer the user ephemerally within Slack's 3 seconds. The
 * workflow's Notify step posts the diagnosis back through the request's response_url or to the channel.
 */
export async function slackCommand(event: APIGatewayProxyEvent, deps: SlackCommandDeps): Promise<ApiResponse> {
  const left = budgetClock(deps.config.ackBudgetMs, deps.now);
  const now = deps.now();
  const auth = await verifiedSlackBody(event, deps.authenticator, now);
  if ('response' in auth) return auth.response;
  const read = readSlashCommand(auth.body);
  if ('problem' in read) {
    logger.warn('Signed request is not a slash command', { problem: read.problem });
    return ephemeralResponse(`This request could not be read (${read.problem}). Is the app's slash command pointing at the right URL?`);
  }
  const request = read.request;
  if (request.sslCheck) return emptyOkResponse();
  logger.appendKeys({ slackTeam: request.teamId, slackUser: request.userId, slackChannel: request.channelId });

  const allowed = checkAllowed(deps.config.allowList, request);
  if (!allowed.allowed) {
    logger.info('Slash command refused by the allow-list', { reason: allowed.reason });
    return ephemeralResponse(allowed.message);
  }

  const usage = usageText(request.command, deps.config.maxWindowMs);
  const args = parseDiagnoseText(request.text, { maxSinceMs: deps.config.maxWindowMs });
  if (args.kind === 'help') return ephemeralResponse(usage);
  if (args.kind === 'invalid') return ephemeralResponse(`${args.problem}.\n\n${usage}`);

  const lookup = await withinBudget(safely(deps.resolveApi(args.api)), left() - RESERVE_FOR_START_MS);
  if (!lookup.done) {
    logger.warn('API lookup exceeded the budget', { api: args.api });
    return ephemeralResponse(`Finding \`${escapeMrkdwn(args.api)}\` in API Gateway took too long, so nothing was started. Run it again with the API's id, such as \`${request.command} a1b2c3d4e5 prod\` (the part before ".execute-api." in its URL).`);
  }
  const resolution = lookup.value;
  if (resolution.kind !== 'found') return ephemeralResponse(unresolvedText(resolution, args.api, request.command, args.stage));
  const api = resolution.api;

  const stage = args.stage ?? defaultStageFor(deps.config.defaultStages, api, args.api);
  if (stage === undefined) {
    return ephemeralResponse(
      `Which stage of ${apiLabel(api)}? Add it after the API: \`${request.command} ${quoteArg(args.api)} prod\`. (An admin can set a default stage per API in SLACK_DEFAULT_STAGES.)`,
    );
  }

  // As the manual API: the workflow's roles read only the watched APIs' logs, so anything else is refused up front.
  const unwatched = deps.watchedApis ? unwatchedErrors(api.id, stage, deps.watchedApis) : [];
  if (unwatched.length > 0) return ephemeralResponse(`${unwatched.map((e) => e.message).join('. ')}. Nothing was started.`);

  const outcome = await startSlackDiagnosis(
    deps.starter,
    {
      apiId: api.id,
      stage,
      window: { since: args.sinceMs },
      teamId: request.teamId,
      userId: request.userId,
      reply: { ...(request.responseUrl ? { responseUrl: request.responseUrl } : {}), channelId: request.channelId, userId: request.userId },
    },
    now,
    left() - RESERVE_FOR_ANSWER_MS,
    (error) => logger.error('StartExecution failed after the answer', { error: errorForLog(error) }),
  );
  logger.appendKeys({ diagnosisId: outcome.id });
  const what = `${apiName(api)}/${escapeMrkdwn(stage)} over the last ${spokenDuration(args.sinceMs)}`;
  const notes = [
    args.cappedFromMs !== undefined ? `You asked for ${spokenDuration(args.cappedFromMs)}; a diagnosis looks at most ${spokenDuration(deps.config.maxWindowMs)} back.` : '',
    args.stageFromUrl ? `The stage \`${escapeMrkdwn(stage)}\` was read from the URL.` : '',
  ].filter(Boolean);
  switch (outcome.kind) {
    case 'started':
      logger.info('Diagnosis started from Slack', { apiId: api.id, stage, sinceMs: args.sinceMs });
      return ephemeralResponse(
        [`Diagnosing ${what}… (\`${outcome.id}\`)`, ...notes, `API \`${api.id}\` (${api.type}) · asked by ${mentionUser(request.userId)} · the result will be posted here when it finishes, usually within a few minutes.`].join('\n'),
      );
    case 'pending':
      logger.warn('StartExecution did not answer within the budget', { apiId: api.id, stage });
      return ephemeralResponse(
        [`Asked to diagnose ${what} (\`${outcome.id}\`), but Step Functions has not confirmed the start yet.`, ...notes, 'If it started, the result will be posted here within a few minutes; if nothing arrives, run the command again.'].join('\n'),
      );
    case 'failed':
      logger.error('StartExecution failed', { apiId: api.id, stage, error: errorForLog(outcome.error) });
      return ephemeralResponse(`Could not start the diagnosis of ${what}: ${outcome.message}`);
  }
}

function unresolvedText(resolution: Exclude<ApiResolution, { kind: 'found' }>, typed: string, command: string, stage: string | undefined): string {
  if (resolution.kind === 'ambiguous') {
    const first = resolution.candidates[0]?.id ?? 'a1b2c3d4e5';
    return `\`${escapeMrkdwn(typed)}\` names ${resolution.candidates.length} APIs: ${resolution.candidates.map(describeChoice).join(', ')}. Name it by id instead, such as \`${command} ${first} ${stage ?? 'prod'}\`. Nothing was started.`;
  }
  return `${resolution.message} Nothing was started.`;
}

/** The resolver is a port: whatever it throws becomes an answer rather than a failed invocation. */
async function safely(resolution: Promise<ApiResolution>): Promise<ApiResolution> {
  try {
    return await resolution;
  } catch (error) {
    logger.error('API lookup failed', { error: errorForLog(error) });
    return { kind: 'unavailable', message: 'Looking the API up failed; try again, or name it by id.' };
  }
}

function apiName(api: ResolvedApi): string {
  return escapeMrkdwn(api.name ?? api.id);
}

function apiLabel(api: ResolvedApi): string {
  return api.name !== undefined ? `\`${escapeMrkdwn(api.name)}\` (\`${api.id}\`)` : `\`${api.id}\``;
}

function quoteArg(text: string): string {
  return /\s/.test(text) ? `"${text}"` : text;
}
