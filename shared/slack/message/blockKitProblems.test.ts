import { describe, expect, it } from 'vitest';
import { blockKitProblems } from './blockKitProblems.ts';

const header = { type: 'header', text: { type: 'plain_text', text: 'Lambda function timed out' } };
const button = { type: 'button', text: { type: 'plain_text', text: 'Re-run now' }, action_id: 'rerun', value: '{}' };

describe('blockKitProblems', () => {
  it('accepts a well-formed message', () => {
    const payload = {
      text: 'fallback',
      blocks: [
        header,
        { type: 'section', text: { type: 'mrkdwn', text: '*hi*' }, fields: [{ type: 'mrkdwn', text: 'a' }] },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'small' }] },
        { type: 'divider' },
        { type: 'image', image_url: 'https://x.example/c.png', alt_text: 'chart' },
        { type: 'actions', elements: [button] },
      ],
    };
    expect(blockKitProblems(payload)).toEqual([]);
  });

  it('names each limit broken and each required field missing', () => {
    const payload = {
      blocks: [
        { type: 'header', text: { type: 'mrkdwn', text: 'h'.repeat(151) } },
        { type: 'section' },
        { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3_001) }, fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) },
        { type: 'context', elements: [] },
        { type: 'image', image_url: 'javascript:alert(1)', alt_text: '' },
        { type: 'actions', elements: [button, { ...button, text: { type: 'plain_text', text: 'b'.repeat(76) }, value: 'v'.repeat(2_001), style: 'loud' }] },
        { type: 'video' },
        { type: 'section', block_id: 'x'.repeat(256), text: { type: 'mrkdwn', text: '' } },
      ],
    };
    const problems = blockKitProblems(payload);
    const expected = [
      'text: missing',
      'blocks[0].text.type: must be plain_text',
      'blocks[0].text.text: 151 characters, over 150',
      'blocks[1]: a section needs text or fields',
      'blocks[2].text.text: 3001 characters, over 3000',
      'blocks[2].fields: 11, over 10',
      'blocks[3].elements: not a non-empty array',
      'blocks[4].image_url: not an http(s) URL',
      'blocks[4].alt_text: missing or blank',
      'blocks[5].elements[1].text.text: 76 characters, over 75',
      'blocks[5].elements[1].value: 2001 characters, over 2000',
      'blocks[5].elements[1].style: "loud"',
      'blocks[5].elements[1].action_id: "rerun" repeated in the block',
      'blocks[6].type: "video" is not a block type this project emits',
      'blocks[7].block_id: 256 characters, over 255',
      'blocks[7].text.text: missing or blank',
    ];
    for (const problem of expected) expect(problems.some((p) => p.startsWith(problem)), problem).toBe(true);
  });

  it('counts blocks and the text of all of them', () => {
    const many = { text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) };
    expect(blockKitProblems(many)).toContain('blocks: 51, over 50');
    const long = { text: 't', blocks: Array.from({ length: 5 }, () => ({ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(2_500) } })) };
    expect(blockKitProblems(long).some((p) => p.includes('over 12000'))).toBe(true);
  });

  it('never throws on garbage', () => {
    for (const junk of [null, 1, 'x', [], { blocks: 'no' }, { text: 1, blocks: [null, 1, { type: 'actions', elements: [null] }] }]) {
      expect(() => blockKitProblems(junk)).not.toThrow();
      expect(blockKitProblems(junk).length).toBeGreaterThan(0);
    }
  });
});
