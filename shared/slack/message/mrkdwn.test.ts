import { describe, expect, it } from 'vitest';
import { codeBlock, ellipsizeText, escapeMrkdwn, inlineCode, mrkdwnLink, safeUrl, truncateMrkdwn } from './mrkdwn.ts';

describe('mrkdwn', () => {
  it('escapes the three characters Slack reads as markup, so log text cannot mention or link', () => {
    expect(escapeMrkdwn('<!channel> a & b <https://evil|click>')).toBe('&lt;!channel&gt; a &amp; b &lt;https://evil|click&gt;');
  });

  it('keeps a code block closed whatever the excerpt holds', () => {
    const block = codeBlock('before ``` after ```` end <b>');
    expect(block.startsWith('```\n')).toBe(true);
    expect(block.endsWith('\n```')).toBe(true);
    expect(block.match(/```/g)).toHaveLength(2);
    expect(block).toContain('&lt;b&gt;');
  });

  it('keeps inline code on one line and without a closing backtick inside', () => {
    expect(inlineCode('GET /a`b\n/c')).toBe('`GET /aˋb /c`');
  });

  it('links only http(s) URLs and encodes what would end the link', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('https://x.example/a|b>c d')).toBe('https://x.example/a%7Cb%3Ec%20d');
    expect(safeUrl(`https://x.example/${'a'.repeat(3_000)}`)).toBeUndefined();
    expect(mrkdwnLink('https://x.example/q', 'Logs | Insights')).toBe('<https://x.example/q|Logs ¦ Insights>');
    expect(mrkdwnLink('file:///etc/passwd', 'local')).toBe('local');
  });

  it('truncates without half a link token or an open code block', () => {
    const link = `see <https://x.example/${'p'.repeat(100)}|label> after`;
    const cut = truncateMrkdwn(link, 40);
    expect(cut.length).toBeLessThanOrEqual(40);
    expect(cut).toBe('see …');
    const code = `head\n\`\`\`\n${'line\n'.repeat(100)}\`\`\``;
    const cutCode = truncateMrkdwn(code, 60);
    expect(cutCode.length).toBeLessThanOrEqual(60);
    expect((cutCode.match(/```/g) ?? []).length % 2).toBe(0);
  });

  it('never cuts between the halves of a surrogate pair', () => {
    const cut = ellipsizeText('😀😀😀😀', 4);
    expect(cut).toBe('😀…');
    expect(truncateMrkdwn('a😀😀😀', 3)).toBe('a…');
  });
});
