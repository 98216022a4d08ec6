/**
 * A self-contained HTML page that shows a chat.postMessage payload roughly as Slack's desktop client does, for the
 * Block Kit subset the project emits: header, section (text, fields, button/image accessory), context, divider,
 * image, actions (buttons) and rich_text. Anything else shows as "unsupported" instead of vanishing. The page
 * has a Content-Security-Policy that allows no script at all, on top of the escaping in mrkdwnToHtml.ts.
 */
import { escapeHtml, mrkdwnToHtml, safeHref } from './mrkdwnToHtml.ts';

export interface MessageHtmlOptions {
  title?: string;
  /** The poster's name and the time shown beside it. */
  appName?: string;
  postedAt?: string;
  /** Thread replies: shown under the message as Slack's "N replies" line, and below it when `showReplies`. */
  replies?: readonly unknown[];
  showReplies?: boolean;
}

export function renderMessageHtml(payload: unknown, options: MessageHtmlOptions = {}): string {
  const message = isObject(payload) ? payload : {};
  const replies = options.replies ?? [];
  const body = [
    messageHtml(message, options),
    replies.length > 0 ? `<div class="replies-line">🧵 <a>${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}</a></div>` : '',
    options.showReplies ? replies.map((reply) => `<div class="reply">${messageHtml(isObject(reply) ? reply : {}, options)}</div>`).join('\n') : '',
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src https: data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title ?? 'Slack message preview')}</title>
<style>${CSS}</style>
</head>
<body>
<div class="channel">${escapeHtml(typeof message['channel'] === 'string' ? message['channel'] : '#incidents')}</div>
${body}
</body>
</html>
`;
}

function messageHtml(message: Record<string, unknown>, options: MessageHtmlOptions): string {
  const blocks = Array.isArray(message['blocks']) ? message['blocks'] : [];
  const content =
    blocks.length > 0 ? blocks.map(blockHtml).join('\n') : `<div class="b-section">${mrkdwnToHtml(typeof message['text'] === 'string' ? message['text'] : '')}</div>`;
  return `<div class="message">
<div class="avatar" aria-hidden="true">🩺</div>
<div class="content">
<div class="meta"><span class="name">${escapeHtml(options.appName ?? 'apigw-doctor')}</span><span class="app">APP</span><span class="time">${escapeHtml(options.postedAt ?? '')}</span></div>
${content}
</div>
</div>`;
}

export function blockHtml(block: unknown): string {
  if (!isObject(block)) return unsupported('not an object');
  switch (block['type']) {
    case 'header':
      return `<div class="b-header">${textObjectHtml(block['text'])}</div>`;
    case 'section':
      return sectionHtml(block);
    case 'context':
      return `<div class="b-context">${arrayOf(block['elements']).map(contextElementHtml).join('')}</div>`;
    case 'divider':
      return '<hr class="b-divider">';
    case 'image':
      return imageHtml(block);
    case 'actions':
      return `<div class="b-actions">${arrayOf(block['elements']).map(elementHtml).join('')}</div>`;
    case 'rich_text':
      return `<div class="b-rich">${arrayOf(block['elements']).map(richElementHtml).join('')}</div>`;
    default:
      return unsupported(String(block['type']));
  }
}

function sectionHtml(block: Record<string, unknown>): string {
  const text = block['text'] === undefined ? '' : `<div class="s-text">${textObjectHtml(block['text'])}</div>`;
  const fields = arrayOf(block['fields']);
  const grid = fields.length > 0 ? `<div class="s-fields">${fields.map((field) => `<div class="s-field">${textObjectHtml(field)}</div>`).join('')}</div>` : '';
  const accessory = block['accessory'] === undefined ? '' : `<div class="s-accessory">${elementHtml(block['accessory'])}</div>`;
  return `<div class="b-section"><div class="s-main">${text}${grid}</div>${accessory}</div>`;
}

function textObjectHtml(value: unknown): string {
  if (!isObject(value) || typeof value['text'] !== 'string') return '';
  if (value['type'] === 'mrkdwn') return mrkdwnToHtml(value['text']);
  return escapeHtml(value['text']).replace(/\n/g, '<br>');
}

function contextElementHtml(element: unknown): string {
  if (isObject(element) && element['type'] === 'image') return imgHtml(element['image_url'], element['alt_text'], 'ctx-img');
  return `<span class="ctx-text">${textObjectHtml(element)}</span>`;
}

function imageHtml(block: Record<string, unknown>): string {
  const title = isObject(block['title']) ? `<div class="img-title">${textObjectHtml(block['title'])}</div>` : '';
  return `<figure class="b-image">${title}${imgHtml(block['image_url'], block['alt_text'], 'img')}</figure>`;
}

function imgHtml(url: unknown, alt: unknown, className: string): string {
  const altText = typeof alt === 'string' ? alt : '';
  const src = typeof url === 'string' && /^(https:\/\/|data:image\/(png|jpeg|gif|webp);base64,)[^\s"'<>]*$/i.test(url.trim()) ? escapeHtml(url.trim()) : undefined;
  if (src === undefined) return `<span class="img-missing">[image: ${escapeHtml(altText)}]</span>`;
  return `<img class="${className}" src="${src}" alt="${escapeHtml(altText)}">`;
}

function elementHtml(element: unknown): string {
  if (!isObject(element)) return unsupported('element');
  if (element['type'] === 'image') return imgHtml(element['image_url'], element['alt_text'], 'acc-img');
  if (element['type'] !== 'button') return unsupported(String(element['type']));
  const style = element['style'] === 'primary' || element['style'] === 'danger' ? ` ${element['style']}` : '';
  const actionId = typeof element['action_id'] === 'string' ? element['action_id'] : '';
  const href = typeof element['url'] === 'string' ? safeHref(element['url']) : undefined;
  const label = textObjectHtml(element['text']);
  const title = `action_id: ${actionId}${typeof element['value'] === 'string' ? `\nvalue: ${element['value']}` : ''}${isObject(element['confirm']) ? '\n(asks for confirmation)' : ''}`;
  return href === undefined
    ? `<span class="btn${style}" role="button" title="${escapeHtml(title)}">${label}</span>`
    : `<a class="btn${style}" href="${href}" target="_blank" rel="noopener noreferrer" title="${escapeHtml(title)}">${label}</a>`;
}

/** rich_text_section / _list / _preformatted / _quote and their inline elements. */
function richElementHtml(element: unknown): string {
  if (!isObject(element)) return '';
  const inline = (): string => arrayOf(element['elements']).map(richInlineHtml).join('');
  switch (element['type']) {
    case 'rich_text_section':
      return `<div class="r-section">${inline()}</div>`;
    case 'rich_text_preformatted':
      return `<pre class="code">${inline()}</pre>`;
    case 'rich_text_quote':
      return `<blockquote>${inline()}</blockquote>`;
    case 'rich_text_list': {
      const tag = element['style'] === 'ordered' ? 'ol' : 'ul';
      const items = arrayOf(element['elements']).map((item) => `<li>${isObject(item) ? arrayOf(item['elements']).map(richInlineHtml).join('') : ''}</li>`);
      return `<${tag} class="r-list">${items.join('')}</${tag}>`;
    }
    default:
      return unsupported(String(element['type']));
  }
}

function richInlineHtml(element: unknown): string {
  if (!isObject(element)) return '';
  const style = isObject(element['style']) ? element['style'] : {};
  let html: string;
  switch (element['type']) {
    case 'text':
      html = escapeHtml(typeof element['text'] === 'string' ? element['text'] : '').replace(/\n/g, '<br>');
      break;
    case 'link': {
      const href = typeof element['url'] === 'string' ? safeHref(element['url']) : undefined;
      const text = escapeHtml(typeof element['text'] === 'string' ? element['text'] : typeof element['url'] === 'string' ? element['url'] : '');
      html = href === undefined ? text : `<a href="${href}" target="_blank" rel="noopener noreferrer">${text}</a>`;
      break;
    }
    case 'emoji':
      html = typeof element['unicode'] === 'string' && /^[0-9a-f-]+$/i.test(element['unicode'])
        ? element['unicode'].split('-').map((hex) => `&#x${hex};`).join('')
        : `:${escapeHtml(String(element['name'] ?? ''))}:`;
      break;
    case 'user':
      html = `<span class="mention">@${escapeHtml(String(element['user_id'] ?? ''))}</span>`;
      break;
    case 'channel':
      html = `<span class="mention">#${escapeHtml(String(element['channel_id'] ?? ''))}</span>`;
      break;
    default:
      return '';
  }
  if (style['code'] === true) html = `<code>${html}</code>`;
  if (style['bold'] === true) html = `<strong>${html}</strong>`;
  if (style['italic'] === true) html = `<em>${html}</em>`;
  if (style['strike'] === true) html = `<del>${html}</del>`;
  return html;
}

function unsupported(type: string): string {
  return `<div class="b-unsupported">[unsupported block: ${escapeHtml(type)}]</div>`;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Slack's desktop look, approximately: Lato-like sans, 15px text, grey context, monospace blocks with a border.
const CSS = `
*{box-sizing:border-box}
body{margin:0;padding:16px 0;background:#fff;color:#1d1c1d;font:15px/1.46668 Lato,"Helvetica Neue","Segoe UI",Roboto,Arial,sans-serif;-webkit-font-smoothing:antialiased}
.channel{padding:0 20px 10px;border-bottom:1px solid #e8e8e8;margin-bottom:12px;font-weight:900;font-size:18px}
.channel::before{content:"# ";font-weight:400;color:#616061}
.message{display:flex;gap:8px;padding:8px 20px}
.reply{margin-left:48px;border-left:2px solid #e8e8e8}
.avatar{flex:0 0 36px;height:36px;border-radius:6px;background:#f2f0ff;display:flex;align-items:center;justify-content:center;font-size:22px}
.content{flex:1;min-width:0}
.meta{display:flex;align-items:baseline;gap:6px;margin-bottom:2px}
.name{font-weight:900}
.app{font-size:10px;font-weight:700;color:#616061;background:#e8e8e8;border-radius:2px;padding:0 3px;line-height:14px}
.time{font-size:12px;color:#616061}
.b-header{font-size:18px;font-weight:900;line-height:1.33;margin:4px 0 6px}
.b-section{display:flex;gap:12px;margin:6px 0}
.s-main{flex:1;min-width:0;overflow-wrap:anywhere}
.s-fields{display:grid;grid-template-columns:1fr 1fr;gap:8px 16px;margin-top:4px}
.s-field{min-width:0;overflow-wrap:anywhere}
.s-accessory img{max-width:88px;border-radius:4px}
.b-context{display:flex;flex-wrap:wrap;gap:4px 8px;align-items:center;font-size:12px;color:#616061;margin:6px 0}
.ctx-img{width:16px;height:16px;border-radius:3px}
.b-divider{border:0;border-top:1px solid #dddddd;margin:10px 0}
.b-image{margin:6px 0}
.b-image img{max-width:100%;max-height:360px;border-radius:8px;border:1px solid #ddd}
.img-title{font-size:13px;color:#616061;margin-bottom:4px}
.img-missing{color:#616061;font-style:italic}
.b-actions{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0 4px}
.btn{display:inline-flex;align-items:center;height:28px;padding:0 12px;border:1px solid rgba(29,28,29,.3);border-radius:4px;font-size:13px;font-weight:700;color:#1d1c1d;background:#fff;text-decoration:none;white-space:nowrap}
.btn.primary{background:#007a5a;border-color:#007a5a;color:#fff}
.btn.danger{background:#e01e5a;border-color:#e01e5a;color:#fff}
.b-unsupported{color:#8a2b06;background:#fff4e5;border:1px dashed #e8912d;border-radius:4px;padding:4px 8px;font-size:13px}
a{color:#1264a3;text-decoration:none}
strong{font-weight:900}
code{font:12px/1.5 Monaco,Menlo,Consolas,"DejaVu Sans Mono",monospace;color:#e01e5a;background:rgba(29,28,29,.04);border:1px solid rgba(29,28,29,.13);border-radius:3px;padding:0 2px}
pre.code{font:12px/1.5 Monaco,Menlo,Consolas,"DejaVu Sans Mono",monospace;background:rgba(29,28,29,.04);border:1px solid rgba(29,28,29,.13);border-radius:4px;padding:8px;margin:4px 0;white-space:pre-wrap;overflow-wrap:anywhere}
blockquote{margin:2px 0;padding-left:12px;border-left:4px solid #ddd}
.mention{color:#1264a3;background:rgba(29,155,209,.1);border-radius:3px;padding:0 2px}
time.date{border-bottom:1px dotted #616061}
.replies-line{margin:0 20px 0 64px;font-size:13px;font-weight:700}
.replies-line a{color:#1264a3}
.r-list{margin:2px 0 2px 22px;padding:0}
`;
