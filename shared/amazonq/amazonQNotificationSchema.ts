/**
 * The custom notification Amazon Q Developer in chat applications (formerly AWS Chatbot) renders from an SNS message,
 * and the constraints its documentation states:
 * https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html (Event schema, Parameter details).
 *
 * - version: required, must be "1.0"; source: required, must be "custom"; id: optional, a unique event id.
 * - content.textType: only "client-markdown" (rendered in the target platform's markdown: Slack's in Slack);
 *   content.title: markdown, up to 250 characters; content.description: markdown, up to 8,000 characters;
 *   content.nextSteps: a bulleted list, each step up to 350 characters; content.keywords: inline tags, each up to 75.
 * - metadata.threadId: notifications with the same threadId are grouped into one thread (if the channel's
 *   preferences allow threads); metadata.summary: shown on the top-level message of a thread; metadata.eventType,
 *   metadata.relatedResources (strings), metadata.additionalContext (string to string), metadata.enableCustomActions
 *   (false: no custom action buttons; default true).
 * The numbers are those of the page's parameter table as a public client quotes them (a Python ChatbotMessage model:
 * "Maximum length is 8,000 characters", "title … 250", "Each step has max length of 350", "Each keyword … 75"); the
 * page itself was only seen in excerpts here. The counts of next steps, keywords and resources below are this
 * project's choice (readability), not documented limits. Custom action variables must match [\x21-\x7F]+ and be at
 * most 1,024 characters (Chatbot API reference, CustomActionAttachment.Variables), hence additionalContext's values.
 */
export interface AmazonQNotification {
  version: '1.0';
  source: 'custom';
  id?: string;
  content: {
    textType: 'client-markdown';
    title?: string;
    description: string;
    nextSteps?: string[];
    keywords?: string[];
  };
  metadata?: {
    threadId?: string;
    summary?: string;
    eventType?: string;
    relatedResources?: string[];
    additionalContext?: Record<string, string>;
    enableCustomActions?: boolean;
  };
}

export const AMAZON_Q_LIMITS = {
  title: 250,
  description: 8000,
  nextStep: 350,
  keyword: 75,
  /** Custom action variable values (CustomActionAttachment.Variables). */
  contextValue: 1024,
} as const;

/** This project's caps, so that the message stays readable. */
export const AMAZON_Q_CAPS = { nextSteps: 5, keywords: 6, relatedResources: 10, contextEntries: 10, summary: 150, threadId: 128 } as const;

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** What in `n` breaks the documented schema (and this project's caps); empty when it is valid. */
export function amazonQNotificationProblems(n: unknown): string[] {
  const problems: string[] = [];
  if (typeof n !== 'object' || n === null) return ['not an object'];
  const record = n as Record<string, unknown>;
  if (record['version'] !== '1.0') problems.push('version must be "1.0"');
  if (record['source'] !== 'custom') problems.push('source must be "custom"');
  if (record['id'] !== undefined && (typeof record['id'] !== 'string' || record['id'] === '')) problems.push('id must be a non-empty string');
  const content = record['content'];
  if (typeof content !== 'object' || content === null) return [...problems, 'content is required'];
  const c = content as Record<string, unknown>;
  if (c['textType'] !== undefined && c['textType'] !== 'client-markdown') problems.push('content.textType must be "client-markdown"');
  text(c['title'], 'content.title', AMAZON_Q_LIMITS.title, false, problems);
  text(c['description'], 'content.description', AMAZON_Q_LIMITS.description, true, problems);
  list(c['nextSteps'], 'content.nextSteps', AMAZON_Q_CAPS.nextSteps, AMAZON_Q_LIMITS.nextStep, problems);
  list(c['keywords'], 'content.keywords', AMAZON_Q_CAPS.keywords, AMAZON_Q_LIMITS.keyword, problems);

  const metadata = record['metadata'];
  if (metadata === undefined) return problems;
  if (typeof metadata !== 'object' || metadata === null) return [...problems, 'metadata must be an object'];
  const m = metadata as Record<string, unknown>;
  text(m['threadId'], 'metadata.threadId', AMAZON_Q_CAPS.threadId, false, problems);
  text(m['summary'], 'metadata.summary', AMAZON_Q_CAPS.summary, false, problems);
  text(m['eventType'], 'metadata.eventType', 100, false, problems);
  list(m['relatedResources'], 'metadata.relatedResources', AMAZON_Q_CAPS.relatedResources, 2048, problems);
  if (m['enableCustomActions'] !== undefined && typeof m['enableCustomActions'] !== 'boolean') problems.push('metadata.enableCustomActions must be a boolean');
  const context = m['additionalContext'];
  if (context !== undefined) {
    if (typeof context !== 'object' || context === null || Array.isArray(context)) problems.push('metadata.additionalContext must be a string-to-string map');
    else {
      const entries = Object.entries(context);
      if (entries.length > AMAZON_Q_CAPS.contextEntries) problems.push(`metadata.additionalContext has more than ${AMAZON_Q_CAPS.contextEntries} entries`);
      for (const [key, value] of entries) {
        if (typeof value !== 'string' || !PRINTABLE_ASCII.test(value) || value.length > AMAZON_Q_LIMITS.contextValue) problems.push(`metadata.additionalContext.${key} must be printable ASCII without spaces, 1–${AMAZON_Q_LIMITS.contextValue} characters`);
      }
    }
  }
  return problems;
}

function text(value: unknown, at: string, max: number, required: boolean, problems: string[]): void {
  if (value === undefined) {
    if (required) problems.push(`${at} is required`);
    return;
  }
  if (typeof value !== 'string' || value.trim() === '') problems.push(`${at} must be a non-empty string`);
  else if (value.length > max) problems.push(`${at} is longer than ${max} characters`);
}

function list(value: unknown, at: string, maxItems: number, maxLength: number, problems: string[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    problems.push(`${at} must be an array of strings`);
    return;
  }
  if (value.length > maxItems) problems.push(`${at} has more than ${maxItems} items`);
  value.forEach((item, i) => text(item, `${at}[${i}]`, maxLength, true, problems));
}
