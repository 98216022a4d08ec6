/**
 * The checks Slack makes on a message before posting it, as far as they matter to this project, with the answers it
 * gives. Limits: Block Kit reference (docs.slack.dev/reference/block-kit/blocks: 50 blocks a message; header text
 * plain_text ≤ 150; section text ≤ 3,000, fields ≤ 10 each ≤ 2,000; context ≤ 10 elements; actions ≤ 25 elements;
 * button text ≤ 75, value ≤ 2,000, url ≤ 3,000; action_id/block_id ≤ 255; image alt_text ≤ 2,000; markdown ≤ 12,000),
 * chat.postMessage (text or blocks required: "no_text"; "msg_too_long"); and, below any documented limit,
 * "msg_blocks_too_long" at about 13,200 characters of text across the blocks (slackapi/bolt-js#2509, #2867).
 * The error's detail has Slack's form: "must be less than 151 characters [json-pointer:/blocks/0/text/text]".
 */
export interface MessageProblem {
  /** Slack's error code: invalid_blocks, invalid_blocks_format, no_text, msg_too_long, msg_blocks_too_long. */
  error: string;
  /** Slack's `errors` entries (json-pointer form). */
  errors: string[];
}

export const MAX_BLOCKS = 50;
export const MAX_TEXT = 40_000;
export const MAX_COMBINED_BLOCK_TEXT = 13_200;

const KNOWN_BLOCKS = new Set(['section', 'header', 'divider', 'context', 'actions', 'image', 'markdown', 'rich_text', 'input', 'file', 'video', 'table', 'context_actions']);

export function validateMessage(message: { text?: unknown; blocks?: unknown }): MessageProblem | undefined {
  const hasText = typeof message.text === 'string' && message.text.trim() !== '';
  if (message.blocks === undefined || message.blocks === null) {
    if (!hasText) return { error: 'no_text', errors: [] };
    return (message.text as string).length > MAX_TEXT ? { error: 'msg_too_long', errors: [] } : undefined;
  }
  if (!Array.isArray(message.blocks)) return { error: 'invalid_blocks_format', errors: ['must be an array [json-pointer:/blocks]'] };
  if (message.blocks.length === 0 && !hasText) return { error: 'no_text', errors: [] };
  if (typeof message.text === 'string' && message.text.length > MAX_TEXT) return { error: 'msg_too_long', errors: [] };

  const errors: string[] = [];
  if (message.blocks.length > MAX_BLOCKS) errors.push(`must provide no more than ${MAX_BLOCKS} items [json-pointer:/blocks]`);
  const counter = { chars: 0 };
  message.blocks.forEach((block, i) => checkBlock(block, `/blocks/${i}`, errors, counter));
  if (errors.length > 0) return { error: 'invalid_blocks', errors };
  if (counter.chars > MAX_COMBINED_BLOCK_TEXT) return { error: 'msg_blocks_too_long', errors: [] };
  return undefined;
}

function checkBlock(block: unknown, at: string, errors: string[], counter: { chars: number }): void {
  if (!isObject(block) || typeof block['type'] !== 'string') {
    errors.push(`missing required field: type [json-pointer:${at}]`);
    return;
  }
  const type = block['type'];
  if (!KNOWN_BLOCKS.has(type)) {
    errors.push(`unsupported type: ${type} [json-pointer:${at}/type]`);
    return;
  }
  maxLength(block['block_id'], 255, `${at}/block_id`, errors);
  switch (type) {
    case 'header':
      textObject(block['text'], `${at}/text`, errors, counter, { max: 150, plainOnly: true, required: true });
      break;
    case 'section': {
      const fields = block['fields'];
      if (block['text'] === undefined && fields === undefined) errors.push(`must provide either text or fields [json-pointer:${at}]`);
      if (block['text'] !== undefined) textObject(block['text'], `${at}/text`, errors, counter, { max: 3000, required: true });
      if (fields !== undefined) {
        if (!Array.isArray(fields)) errors.push(`must be an array [json-pointer:${at}/fields]`);
        else {
          if (fields.length > 10) errors.push(`must provide no more than 10 items [json-pointer:${at}/fields]`);
          fields.forEach((f, j) => textObject(f, `${at}/fields/${j}`, errors, counter, { max: 2000, required: true }));
        }
      }
      if (block['accessory'] !== undefined) element(block['accessory'], `${at}/accessory`, errors, counter);
      break;
    }
    case 'context':
      list(block['elements'], 10, `${at}/elements`, errors, (e, p) => (isObject(e) && e['type'] === 'image' ? image(e, p, errors) : textObject(e, p, errors, counter, { max: 3000, required: true })));
      break;
    case 'actions': {
      const ids = new Set<string>();
      list(block['elements'], 25, `${at}/elements`, errors, (e, p) => {
        element(e, p, errors, counter);
        const id = isObject(e) ? e['action_id'] : undefined;
        if (typeof id === 'string') {
          if (ids.has(id)) errors.push(`action_id already exists [json-pointer:${p}/action_id]`);
          ids.add(id);
        }
      });
      break;
    }
    case 'image':
      image(block, at, errors);
      if (block['title'] !== undefined) textObject(block['title'], `${at}/title`, errors, counter, { max: 2000, plainOnly: true, required: true });
      break;
    case 'markdown':
      if (typeof block['text'] !== 'string' || block['text'] === '') errors.push(`missing required field: text [json-pointer:${at}/text]`);
      else {
        maxLength(block['text'], 12_000, `${at}/text`, errors);
        counter.chars += block['text'].length;
      }
      break;
    default:
      break;
  }
}

function element(e: unknown, at: string, errors: string[], counter: { chars: number }): void {
  if (!isObject(e) || typeof e['type'] !== 'string') {
    errors.push(`missing required field: type [json-pointer:${at}]`);
    return;
  }
  maxLength(e['action_id'], 255, `${at}/action_id`, errors);
  if (e['type'] === 'button') {
    textObject(e['text'], `${at}/text`, errors, counter, { max: 75, plainOnly: true, required: true });
    maxLength(e['value'], 2000, `${at}/value`, errors);
    maxLength(e['url'], 3000, `${at}/url`, errors);
    if (e['style'] !== undefined && e['style'] !== 'primary' && e['style'] !== 'danger') errors.push(`must be one of primary, danger [json-pointer:${at}/style]`);
  } else if (e['type'] === 'image') image(e, at, errors);
}

function image(e: Record<string, unknown>, at: string, errors: string[]): void {
  if (typeof e['image_url'] !== 'string' && !isObject(e['slack_file'])) errors.push(`must provide either image_url or slack_file [json-pointer:${at}]`);
  maxLength(e['image_url'], 3000, `${at}/image_url`, errors);
  if (typeof e['alt_text'] !== 'string' || e['alt_text'] === '') errors.push(`missing required field: alt_text [json-pointer:${at}/alt_text]`);
  maxLength(e['alt_text'], 2000, `${at}/alt_text`, errors);
}

function textObject(t: unknown, at: string, errors: string[], counter: { chars: number }, rule: { max: number; plainOnly?: boolean; required: boolean }): void {
  if (!isObject(t)) {
    if (rule.required) errors.push(`must be an object [json-pointer:${at}]`);
    return;
  }
  const type = t['type'];
  if (type !== 'plain_text' && (rule.plainOnly || type !== 'mrkdwn')) errors.push(`must be ${rule.plainOnly ? 'plain_text' : 'one of plain_text, mrkdwn'} [json-pointer:${at}/type]`);
  const text = t['text'];
  if (typeof text !== 'string' || text === '') {
    errors.push(`must be more than 0 characters [json-pointer:${at}/text]`);
    return;
  }
  counter.chars += text.length;
  maxLength(text, rule.max, `${at}/text`, errors);
}

function list(value: unknown, max: number, at: string, errors: string[], each: (e: unknown, at: string) => void): void {
  if (!Array.isArray(value) || value.length === 0) {
    errors.push(`must provide at least 1 items [json-pointer:${at}]`);
    return;
  }
  if (value.length > max) errors.push(`must provide no more than ${max} items [json-pointer:${at}]`);
  value.forEach((e, i) => each(e, `${at}/${i}`));
}

function maxLength(value: unknown, max: number, at: string, errors: string[]): void {
  if (typeof value === 'string' && value.length > max) errors.push(`must be less than ${max + 1} characters [json-pointer:${at}]`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
