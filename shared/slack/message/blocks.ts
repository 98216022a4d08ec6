/** Block builders that cannot produce a block over Slack's limits: each trims its own text (slackLimits.ts). */
import type { ActionsBlock, Button, ContextBlock, DividerBlock, HeaderBlock, ImageBlock, SectionBlock } from '@slack/types';
import { SLACK_LIMITS as L } from './slackLimits.ts';
import { ellipsizeText, safeUrl, truncateMrkdwn } from './mrkdwn.ts';
import { oneLine } from '../../render/textLayout.ts';

export function headerBlock(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: ellipsizeText(oneLine(text), L.headerText) || '…', emoji: true } };
}

export function mrkdwnSection(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: nonBlank(truncateMrkdwn(text, L.sectionText)) } };
}

/** Two-column facts; at most 10, each at most `maxEach` characters (2,000 is Slack's; facts read better short). */
export function fieldsSection(fields: readonly string[], maxEach: number = L.sectionFieldText): SectionBlock {
  const each = Math.min(maxEach, L.sectionFieldText);
  return {
    type: 'section',
    fields: fields.slice(0, L.sectionFields).map((text) => ({ type: 'mrkdwn' as const, text: nonBlank(truncateMrkdwn(text, each)) })),
  };
}

export function contextBlock(texts: readonly string[]): ContextBlock {
  return {
    type: 'context',
    elements: texts.slice(0, L.contextElements).map((text) => ({ type: 'mrkdwn' as const, text: nonBlank(truncateMrkdwn(text, L.textObject)) })),
  };
}

export function dividerBlock(): DividerBlock {
  return { type: 'divider' };
}

/** An image block, or undefined when the URL is not an http(s) URL Slack accepts. */
export function imageBlock(url: string, altText: string, title?: string): ImageBlock | undefined {
  const safe = safeUrl(url, L.imageUrl);
  if (safe === undefined) return undefined;
  const block: ImageBlock = { type: 'image', image_url: safe, alt_text: ellipsizeText(oneLine(altText), L.imageAltText) || 'chart' };
  if (title !== undefined && oneLine(title) !== '') block.title = { type: 'plain_text', text: ellipsizeText(oneLine(title), L.imageTitle) };
  return block;
}

export interface ButtonSpec {
  text: string;
  actionId: string;
  value?: string;
  style?: 'primary' | 'danger';
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

export function buttonElement(spec: ButtonSpec): Button {
  const button: Button = {
    type: 'button',
    text: { type: 'plain_text', text: ellipsizeText(oneLine(spec.text), L.buttonText) || '…', emoji: true },
    action_id: spec.actionId.slice(0, L.actionId),
  };
  // A value over the limit would be cut into invalid JSON; the handler could not read it, so none is sent.
  if (spec.value !== undefined && spec.value.length <= L.buttonValue) button.value = spec.value;
  if (spec.style !== undefined) button.style = spec.style;
  if (spec.confirm !== undefined) {
    button.confirm = {
      title: { type: 'plain_text', text: ellipsizeText(oneLine(spec.confirm.title), L.confirmTitle) || '…' },
      text: { type: 'plain_text', text: ellipsizeText(oneLine(spec.confirm.text), L.confirmText) || '…' },
      confirm: { type: 'plain_text', text: ellipsizeText(oneLine(spec.confirm.confirm), L.confirmButton) || 'OK' },
      deny: { type: 'plain_text', text: ellipsizeText(oneLine(spec.confirm.deny), L.confirmButton) || 'Cancel' },
    };
  }
  return button;
}

export function actionsBlock(buttons: readonly Button[]): ActionsBlock {
  return { type: 'actions', elements: buttons.slice(0, L.actionsElements) };
}

function nonBlank(text: string): string {
  return text.trim() === '' ? '…' : text;
}
