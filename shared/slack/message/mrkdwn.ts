/**
 * Slack mrkdwn building blocks. Slack's escaping is three entities (&amp; &lt; &gt;): with them, log text cannot
 * become a link, a mention (<!channel>) or a date token; backtick runs are broken so an excerpt cannot close its
 * code block. https://api.slack.com/reference/surfaces/formatting#escaping
 */
import { sanitize } from '../../render/textLayout.ts';

const ZERO_WIDTH_SPACE = '\u200b';

/** Slack's own escaping of the three control characters; everything else is shown as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Log-derived running text on one line, escaped. */
export function plainMrkdwn(text: string): string {
  return escapeMrkdwn(sanitize(text).replace(/\s+/g, ' ').trim());
}

/** An inline code span; a backtick inside would end it, so it becomes a look-alike. */
export function inlineCode(text: string): string {
  const content = plainMrkdwn(text).replace(/`/g, 'ˋ');
  return `\`${content === '' ? ' ' : content}\``;
}

/** A code block whose content cannot close it early: runs of three backticks get zero-width spaces. */
export function codeBlock(text: string): string {
  const body = escapeMrkdwn(sanitize(text)).replace(/`{3,}/g, (run) => run.split('').join(ZERO_WIDTH_SPACE));
  return `\`\`\`\n${body.replace(/\n+$/, '')}\n\`\`\``;
}

/** An http(s) URL made safe inside <url|label>, or undefined when it is not one Slack can link (or too long). */
export function safeUrl(url: string, maxLength = 3_000): string | undefined {
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s/?#]+/i.test(trimmed)) return undefined;
  const encoded = trimmed.replace(/[<>|\s"]/g, (ch) => encodeURIComponent(ch));
  return encoded.length <= maxLength ? encoded : undefined;
}

/** <url|label>, or just the label when the URL cannot be linked. */
export function mrkdwnLink(url: string, label: string): string {
  const safe = safeUrl(url);
  const text = plainMrkdwn(label).replace(/\|/g, '¦') || 'link';
  return safe === undefined ? text : `<${safe}|${text}>`;
}

/**
 * A Slack date token: each reader sees the time in their own time zone; the fallback shows where tokens are not
 * rendered (notifications, old clients). https://api.slack.com/reference/surfaces/formatting#date-formatting
 */
export function slackDate(epochMs: number, format: string, fallback: string): string {
  return `<!date^${Math.floor(epochMs / 1000)}^${format}|${plainMrkdwn(fallback)}>`;
}

/** Plain text cut to `max` UTF-16 units with "…", never between the halves of a surrogate pair. */
export function ellipsizeText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  return `${sliceWhole(text, max - 1)}…`;
}

/**
 * Mrkdwn cut to `max` characters without leaving half a link/date token or an open code block: a cut inside
 * `<...>` moves before it, and an odd number of ``` fences is closed.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  const closing = '\n```';
  const cut = (room: number): string => {
    const body = sliceWhole(text, Math.max(0, room));
    const open = body.lastIndexOf('<');
    return open > body.lastIndexOf('>') ? body.slice(0, open) : body;
  };
  const openFences = (body: string): boolean => (body.match(/```/g) ?? []).length % 2 === 1;
  const body = cut(max - 1);
  if (!openFences(body)) return `${body}…`;
  // Inside a code block: make room to close it (the shorter cut may fall outside it, then nothing to close).
  const shorter = cut(max - 1 - closing.length);
  return openFences(shorter) ? `${shorter}…${closing}` : `${shorter}…`;
}

function sliceWhole(text: string, end: number): string {
  let cut = Math.max(0, Math.min(end, text.length));
  const last = text.charCodeAt(cut - 1);
  if (cut > 0 && last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return text.slice(0, cut);
}
