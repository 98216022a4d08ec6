import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { validateMessage } from './validateMessage.ts';

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('validateMessage (what the fake Slack rejects)', () => {
  it('accepts a message at the limits', () => {
    const blocks: KnownBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(150) } },
      section('s'.repeat(3000)),
      { type: 'section', fields: Array.from({ length: 10 }, () => ({ type: 'mrkdwn' as const, text: 'f'.repeat(200) })) },
      { type: 'actions', elements: Array.from({ length: 25 }, (_, i) => ({ type: 'button' as const, action_id: `a${i}`, text: { type: 'plain_text' as const, text: 'b'.repeat(75) }, value: 'v'.repeat(2000) })) },
      ...Array.from({ length: 46 }, (): KnownBlock => ({ type: 'divider' })),
    ];
    expect(blocks).toHaveLength(50);
    expect(validateMessage({ text: 'fallback', blocks })).toBeUndefined();
  });

  it('answers like Slack past them', () => {
    expect(validateMessage({ text: 'x', blocks: [section('s'.repeat(3001))] })).toEqual({ error: 'invalid_blocks', errors: ['must be less than 3001 characters [json-pointer:/blocks/0/text/text]'] });
    expect(validateMessage({ text: 'x', blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }] })?.errors).toEqual(['must provide no more than 10 items [json-pointer:/blocks/0/fields]']);
    expect(validateMessage({ text: 'x', blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }] })?.errors).toEqual(['must be plain_text [json-pointer:/blocks/0/text/type]']);
    expect(validateMessage({ text: 'x', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'rerun', text: { type: 'plain_text', text: 'b'.repeat(76) } }, { type: 'button', action_id: 'rerun', text: { type: 'plain_text', text: 'ok' } }] }] })?.errors).toEqual([
      'must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
      'action_id already exists [json-pointer:/blocks/0/elements/1/action_id]',
    ]);
    expect(validateMessage({ text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) })?.errors).toEqual(['must provide no more than 50 items [json-pointer:/blocks]']);
    expect(validateMessage({ text: 'x', blocks: Array.from({ length: 5 }, () => section('s'.repeat(2800))) })).toEqual({ error: 'msg_blocks_too_long', errors: [] });
    expect(validateMessage({})).toEqual({ error: 'no_text', errors: [] });
    expect(validateMessage({ text: '   ' })).toEqual({ error: 'no_text', errors: [] });
    expect(validateMessage({ text: 'x'.repeat(40_001) })).toEqual({ error: 'msg_too_long', errors: [] });
    expect(validateMessage({ text: 'x', blocks: '[]' })).toMatchObject({ error: 'invalid_blocks_format' });
  });
});
