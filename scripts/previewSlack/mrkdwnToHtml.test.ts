import { describe, expect, it } from 'vitest';
import { mrkdwnToHtml, safeHref } from './mrkdwnToHtml.ts';

describe('mrkdwnToHtml', () => {
  it('renders the formatting the message uses', () => {
    expect(mrkdwnToHtml('*Onset*\n_(from the alarm)_ ~old~ `GET /a`')).toBe('<strong>Onset</strong><br><em>(from the alarm)</em> <del>old</del> <code>GET /a</code>');
    expect(mrkdwnToHtml('see <https://x.example/q?a=1|Logs Insights> · <!date^1773150773^{time}|13:52 UTC>')).toBe(
      'see <a href="https://x.example/q?a=1" target="_blank" rel="noopener noreferrer">Logs Insights</a> · <time class="date">13:52 UTC</time>',
    );
    expect(mrkdwnToHtml('*Why*\n```\nREPORT  Duration: 6000.00 ms\n```\nafter')).toBe('<strong>Why</strong><pre class="code">REPORT  Duration: 6000.00 ms</pre>after');
    expect(mrkdwnToHtml('1. one\n• two\n&gt; quoted')).toBe('1. one<br>• two<br><blockquote>quoted</blockquote>');
  });

  it('shows Slack-escaped text as the characters it stands for, escaped for HTML', () => {
    expect(mrkdwnToHtml('a &lt;b&gt; &amp; c')).toBe('a &lt;b&gt; &amp; c');
    expect(mrkdwnToHtml('```\n&lt;script&gt;alert(1)&lt;/script&gt;\n```')).toBe('<pre class="code">&lt;script&gt;alert(1)&lt;/script&gt;</pre>');
  });

  it('lets no raw HTML through, in text, code, links or labels', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '```<img src=x onerror=alert(1)>```',
      '`<b onmouseover=alert(1)>`',
      '<javascript:alert(1)|click>',
      '<https://x.example/"onmouseover="alert(1)|x>',
      '<https://x.example|<img src=x onerror=alert(1)>>',
      '*<svg onload=alert(1)>*',
      '\u00000\u0000<iframe>',
    ];
    for (const text of hostile) {
      const html = mrkdwnToHtml(text);
      expect(html, text).not.toMatch(/<(script|img|svg|iframe|b )/i);
      expect(html, text).not.toMatch(/href="javascript/i);
      expect(html, text).not.toMatch(/"onmouseover=/i);
    }
  });

  it('links only http(s) and mailto', () => {
    expect(safeHref('https://a.example/x?y="z"')).toBe('https://a.example/x?y=&quot;z&quot;');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref(' data:text/html,x')).toBeUndefined();
  });
});
