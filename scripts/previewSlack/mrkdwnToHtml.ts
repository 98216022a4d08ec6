/**
 * Slack mrkdwn as HTML, for the preview: *bold*, _italic_, ~strike~, `code`, ```blocks```, <url|label>, date
 * tokens, > quotes and line breaks (Slack shows "1." and "•" lists as typed text, and so does this). Every piece of
 * text is HTML-escaped after Slack's own entities are decoded, and only http(s)/mailto URLs become links, so
 * nothing in a message (a log excerpt) can become markup in the page.
 * Formatting rules: https://api.slack.com/reference/surfaces/formatting
 */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Slack's three entities back to characters (the HTML escaping then applies to them). */
export function slackUnescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** An href, or undefined for anything but http(s) and mailto (javascript:, data:, relative paths). */
export function safeHref(url: string): string | undefined {
  const value = url.trim();
  return /^(https?:\/\/|mailto:)[^\s]*$/i.test(value) ? escapeHtml(value) : undefined;
}

export function mrkdwnToHtml(text: string): string {
  // Placeholders are built from NUL, which is removed from the text first so nothing can forge one.
  const parts = text.replace(/\u0000/g, '').split('```');
  // An odd number of fences leaves the last one unclosed: Slack shows it as typed.
  if (parts.length % 2 === 0) {
    const tail = parts.splice(parts.length - 2, 2).join('```');
    parts.push(tail);
  }
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return `<pre class="code">${escapeHtml(slackUnescape(part.replace(/^\n/, '').replace(/\n$/, '')))}</pre>`;
      // Newlines next to a code block belong to the block.
      const trimmed = part.replace(i > 0 ? /^\n/ : /^$/, '').replace(i < parts.length - 1 ? /\n$/ : /^$/, '');
      return inlineToHtml(trimmed);
    })
    .join('');
}

function inlineToHtml(text: string): string {
  const tokens: string[] = [];
  const hold = (html: string): string => {
    tokens.push(html);
    return `\u0000${tokens.length - 1}\u0000`;
  };
  let rest = text.replace(/`([^`\n]+)`/g, (_, code: string) => hold(`<code>${escapeHtml(slackUnescape(code))}</code>`));
  rest = rest.replace(/<([^<>\n]+)>/g, (_, inner: string) => hold(angleToHtml(inner)));
  let html = escapeHtml(slackUnescape(rest));
  html = html.replace(/(^|[^\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])/g, '$1<strong>$2</strong>');
  html = html.replace(/(^|[^\w_])_(?!\s)([^_\n]+?)_(?![\w_])/g, '$1<em>$2</em>');
  html = html.replace(/(^|[^\w~])~(?!\s)([^~\n]+?)~(?![\w~])/g, '$1<del>$2</del>');
  html = html
    .split('\n')
    .map((line) => (line.startsWith('&gt; ') ? `<blockquote>${line.slice(5)}</blockquote>` : line))
    .join('<br>')
    .replace(/<\/blockquote><br>/g, '</blockquote>');
  return html.replace(/\u0000(\d+)\u0000/g, (_, index: string) => tokens[Number(index)] ?? '');
}

/** <url|label>, <!date^…|fallback>, <!here>, <@U123>, <#C123|name>. */
function angleToHtml(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('!date^')) return `<time class="date">${escapeHtml(slackUnescape(label ?? target))}</time>`;
  if (target.startsWith('!')) return `<span class="mention">@${escapeHtml(slackUnescape(label ?? target.slice(1)))}</span>`;
  if (target.startsWith('@')) return `<span class="mention">@${escapeHtml(slackUnescape(label ?? target.slice(1)))}</span>`;
  if (target.startsWith('#')) return `<span class="mention">#${escapeHtml(slackUnescape(label ?? target.slice(1)))}</span>`;
  const href = safeHref(slackUnescape(target));
  const text = escapeHtml(slackUnescape(label ?? target));
  if (href === undefined) return escapeHtml(`<${slackUnescape(inner)}>`);
  return `<a href="${href}" target="_blank" rel="noopener noreferrer">${text}</a>`;
}
