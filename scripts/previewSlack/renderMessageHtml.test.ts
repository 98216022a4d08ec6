import { describe, expect, it } from 'vitest';
import { goldenDiagnosis } from '../../shared/slack/message/goldenDiagnoses.ts';
import { renderSlackMessage } from '../../shared/slack/message/renderSlackMessage.ts';
import type { Diagnosis } from '../../shared/model/diagnosis.ts';
import { renderMessageHtml } from './renderMessageHtml.ts';

describe('renderMessageHtml', () => {
  it('renders every block the incident message uses', () => {
    const d = goldenDiagnosis('rest-two-causes-timeout-and-oom');
    const message = renderSlackMessage(d, { diagnosisId: 'd-1', chartImageUrl: 'https://charts.example.com/c.png' });
    const html = renderMessageHtml({ channel: '#incidents', ...message });
    expect(html).toContain('<div class="b-header">🔴 Lambda function timed out · analytics-api (ts9ho7bwkt) · prod</div>');
    expect(html).toContain('<div class="s-fields">');
    expect(html).toContain('<strong>Failing requests</strong>');
    expect(html).toContain('<img class="img" src="https://charts.example.com/c.png"');
    expect(html).toContain('<hr class="b-divider">');
    expect(html).toContain('<div class="b-context">');
    expect(html).toContain('<span class="btn primary" role="button" title="action_id: rerun');
    expect(html).toContain('>🔕 Mute this API for 1 h</span>');
    expect(html).toContain('<pre class="code">');
    expect(html).toContain('target="_blank" rel="noopener noreferrer">Logs Insights (sampled requests)</a>');
    expect(html).not.toContain('[unsupported block');
  });

  it('lets nothing from a log excerpt, a route or an API name become markup', () => {
    const base = goldenDiagnosis('rest-lambda-timeout');
    const finding = base.findings[0];
    if (!finding) throw new Error('golden changed');
    const evil = '</pre><script>alert(1)</script><img src=x onerror=alert(1)>```<iframe src=//evil>';
    const d: Diagnosis = {
      ...base,
      api: { ...base.api, name: '<b>api</b>' },
      failingRequests: { ...base.failingRequests, byRoute: { '<svg onload=alert(1)>': 3 } },
      findings: [{ ...finding, evidence: [{ source: 'lambda-log', excerpt: evil, functionName: '"><script>' }] }],
    };
    const html = renderMessageHtml(renderSlackMessage(d), { title: '</title><script>', postedAt: '<i>' });
    expect(html).not.toMatch(/<(script|iframe|svg|b>|i>)/i);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain("default-src 'none'");
  });

  it('shows unknown blocks as unsupported, and rich text', () => {
    const html = renderMessageHtml({
      text: 't',
      blocks: [
        { type: 'video', title: 'x' },
        {
          type: 'rich_text',
          elements: [
            { type: 'rich_text_section', elements: [{ type: 'text', text: 'bold <x>', style: { bold: true } }, { type: 'link', url: 'javascript:alert(1)', text: 'bad' }] },
            { type: 'rich_text_list', style: 'ordered', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'first' }] }] },
            { type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'code' }] },
          ],
        },
      ],
    });
    expect(html).toContain('[unsupported block: video]');
    expect(html).toContain('<strong>bold &lt;x&gt;</strong>');
    expect(html).toContain('bad');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<ol class="r-list"><li>first</li></ol>');
    expect(html).toContain('<pre class="code">code</pre>');
  });
});
