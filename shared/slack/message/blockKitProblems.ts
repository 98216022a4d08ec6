/**
 * A structural check of a chat.postMessage payload for the Block Kit subset this project emits (header, section,
 * context, divider, image, actions with buttons, rich_text): known block types, required fields, and every limit
 * of slackLimits.ts. Slack rejects a message whole when one of these is off, so tests (and the preview script) run
 * it on what would be posted. Returns the problems found, [] when none. Input is unknown: it checks, never throws.
 */
import { SLACK_LIMITS as L } from './slackLimits.ts';
import { blockTextLength } from './blockText.ts';

export interface CheckOptions {
  /** Limit for the top-level `text` (our messages keep it under 3,000; Slack truncates at 40,000). */
  maxText?: number;
}

type Problems = string[];

export function blockKitProblems(payload: unknown, options: CheckOptions = {}): string[] {
  const problems: Problems = [];
  if (!isObject(payload)) return ['payload: not an object'];
  const text = payload['text'];
  if (typeof text !== 'string' || text.trim() === '') problems.push('text: missing (the notification fallback)');
  else if (text.length > (options.maxText ?? L.fallbackText)) problems.push(`text: ${text.length} characters, over ${options.maxText ?? L.fallbackText}`);
  const blocks = payload['blocks'];
  if (!Array.isArray(blocks)) return [...problems, 'blocks: not an array'];
  if (blocks.length === 0) problems.push('blocks: empty');
  if (blocks.length > L.blocksPerMessage) problems.push(`blocks: ${blocks.length}, over ${L.blocksPerMessage}`);
  const total = blockTextLength(blocks);
  if (total > L.blockTextTotal) problems.push(`blocks: ${total} characters of text in all, over ${L.blockTextTotal}`);
  blocks.forEach((block, i) => checkBlock(block, `blocks[${i}]`, problems));
  return problems;
}

function checkBlock(block: unknown, path: string, problems: Problems): void {
  if (!isObject(block)) {
    problems.push(`${path}: not an object`);
    return;
  }
  const blockId = block['block_id'];
  if (blockId !== undefined) maxString(blockId, L.blockId, `${path}.block_id`, problems);
  switch (block['type']) {
    case 'header':
      textObject(block['text'], `${path}.text`, L.headerText, problems, 'plain_text');
      return;
    case 'section':
      return checkSection(block, path, problems);
    case 'context':
      return checkContext(block, path, problems);
    case 'divider':
      return;
    case 'image':
      return checkImage(block, path, problems);
    case 'actions':
      return checkActions(block, path, problems);
    case 'rich_text':
      if (!Array.isArray(block['elements']) || block['elements'].length === 0) problems.push(`${path}.elements: missing`);
      return;
    default:
      problems.push(`${path}.type: ${JSON.stringify(block['type'])} is not a block type this project emits`);
  }
}

function checkSection(block: Record<string, unknown>, path: string, problems: Problems): void {
  const text = block['text'];
  const fields = block['fields'];
  if (text === undefined && fields === undefined) problems.push(`${path}: a section needs text or fields`);
  if (text !== undefined) textObject(text, `${path}.text`, L.sectionText, problems);
  if (fields !== undefined) {
    if (!Array.isArray(fields) || fields.length === 0) problems.push(`${path}.fields: not a non-empty array`);
    else {
      if (fields.length > L.sectionFields) problems.push(`${path}.fields: ${fields.length}, over ${L.sectionFields}`);
      fields.forEach((field, i) => textObject(field, `${path}.fields[${i}]`, L.sectionFieldText, problems));
    }
  }
  const accessory = block['accessory'];
  if (accessory !== undefined) {
    if (isObject(accessory) && accessory['type'] === 'button') checkButton(accessory, `${path}.accessory`, problems);
    else if (isObject(accessory) && accessory['type'] === 'image') imageElement(accessory, `${path}.accessory`, problems);
    else problems.push(`${path}.accessory: not a button or image`);
  }
}

function checkContext(block: Record<string, unknown>, path: string, problems: Problems): void {
  const elements = block['elements'];
  if (!Array.isArray(elements) || elements.length === 0) {
    problems.push(`${path}.elements: not a non-empty array`);
    return;
  }
  if (elements.length > L.contextElements) problems.push(`${path}.elements: ${elements.length}, over ${L.contextElements}`);
  elements.forEach((element, i) => {
    if (isObject(element) && element['type'] === 'image') imageElement(element, `${path}.elements[${i}]`, problems);
    else textObject(element, `${path}.elements[${i}]`, L.textObject, problems);
  });
}

function checkImage(block: Record<string, unknown>, path: string, problems: Problems): void {
  httpUrl(block['image_url'], L.imageUrl, `${path}.image_url`, problems);
  requiredString(block['alt_text'], L.imageAltText, `${path}.alt_text`, problems);
  if (block['title'] !== undefined) textObject(block['title'], `${path}.title`, L.imageTitle, problems, 'plain_text');
}

function imageElement(element: Record<string, unknown>, path: string, problems: Problems): void {
  httpUrl(element['image_url'], L.imageUrl, `${path}.image_url`, problems);
  requiredString(element['alt_text'], L.imageAltText, `${path}.alt_text`, problems);
}

function checkActions(block: Record<string, unknown>, path: string, problems: Problems): void {
  const elements = block['elements'];
  if (!Array.isArray(elements) || elements.length === 0) {
    problems.push(`${path}.elements: not a non-empty array`);
    return;
  }
  if (elements.length > L.actionsElements) problems.push(`${path}.elements: ${elements.length}, over ${L.actionsElements}`);
  const ids = new Set<string>();
  elements.forEach((element, i) => {
    const at = `${path}.elements[${i}]`;
    if (!isObject(element) || element['type'] !== 'button') {
      problems.push(`${at}: not a button`);
      return;
    }
    checkButton(element, at, problems);
    const id = element['action_id'];
    if (typeof id === 'string') {
      if (ids.has(id)) problems.push(`${at}.action_id: ${JSON.stringify(id)} repeated in the block`);
      ids.add(id);
    }
  });
}

function checkButton(button: Record<string, unknown>, path: string, problems: Problems): void {
  textObject(button['text'], `${path}.text`, L.buttonText, problems, 'plain_text');
  if (button['action_id'] !== undefined) maxString(button['action_id'], L.actionId, `${path}.action_id`, problems);
  if (button['value'] !== undefined) maxString(button['value'], L.buttonValue, `${path}.value`, problems);
  if (button['url'] !== undefined) httpUrl(button['url'], L.buttonUrl, `${path}.url`, problems);
  const style = button['style'];
  if (style !== undefined && style !== 'primary' && style !== 'danger') problems.push(`${path}.style: ${JSON.stringify(style)}`);
  const confirm = button['confirm'];
  if (confirm !== undefined) {
    if (!isObject(confirm)) problems.push(`${path}.confirm: not an object`);
    else {
      textObject(confirm['title'], `${path}.confirm.title`, L.confirmTitle, problems, 'plain_text');
      textObject(confirm['text'], `${path}.confirm.text`, L.confirmText, problems);
      textObject(confirm['confirm'], `${path}.confirm.confirm`, L.confirmButton, problems, 'plain_text');
      textObject(confirm['deny'], `${path}.confirm.deny`, L.confirmButton, problems, 'plain_text');
    }
  }
}

function textObject(value: unknown, path: string, max: number, problems: Problems, only?: 'plain_text'): void {
  if (!isObject(value)) {
    problems.push(`${path}: not a text object`);
    return;
  }
  const type = value['type'];
  if (type !== 'plain_text' && type !== 'mrkdwn') problems.push(`${path}.type: ${JSON.stringify(type)}`);
  else if (only !== undefined && type !== only) problems.push(`${path}.type: must be ${only}`);
  requiredString(value['text'], Math.min(max, L.textObject), `${path}.text`, problems);
}

function requiredString(value: unknown, max: number, path: string, problems: Problems): void {
  if (typeof value !== 'string' || value.trim() === '') problems.push(`${path}: missing or blank`);
  else if (value.length > max) problems.push(`${path}: ${value.length} characters, over ${max}`);
}

function maxString(value: unknown, max: number, path: string, problems: Problems): void {
  if (typeof value !== 'string') problems.push(`${path}: not a string`);
  else if (value.length > max) problems.push(`${path}: ${value.length} characters, over ${max}`);
}

function httpUrl(value: unknown, max: number, path: string, problems: Problems): void {
  requiredString(value, max, path, problems);
  if (typeof value === 'string' && !/^https?:\/\//i.test(value)) problems.push(`${path}: not an http(s) URL`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
