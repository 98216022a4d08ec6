import { describe, expect, it } from 'vitest';
import { muteValue, parseMuteValue, parseShowEvidenceValue, parseWindowActionValue, showEvidenceValue, windowActionValue } from './actionValues.ts';

describe('button values', () => {
  it('read back what was written', () => {
    expect(parseWindowActionValue(windowActionValue('a1b2c3d4e5', 'prod', 1_000, 2_000))).toEqual({ apiId: 'a1b2c3d4e5', stage: 'prod', from: 1_000, to: 2_000 });
    expect(parseWindowActionValue(windowActionValue('a1b2c3d4e5', '$default', undefined, 2_000))).toEqual({ apiId: 'a1b2c3d4e5', stage: '$default' });
    expect(parseShowEvidenceValue(showEvidenceValue('diag-1'))).toEqual({ diagnosisId: 'diag-1' });
    expect(parseMuteValue(muteValue('a1b2c3d4e5', 'prod'))).toEqual({ apiId: 'a1b2c3d4e5', stage: 'prod' });
  });

  it('stay under Slack\'s 2,000 characters whatever the input', () => {
    expect(windowActionValue('i'.repeat(5_000), 's'.repeat(5_000), 1, 2).length).toBeLessThanOrEqual(2_000);
    expect(showEvidenceValue('d'.repeat(5_000)).length).toBeLessThanOrEqual(2_000);
  });

  it('reject what did not come from a button of ours', () => {
    for (const junk of ['', 'not json', '[]', 'null', '{"apiId":1,"stage":"prod"}', '{"apiId":"a"}', `{"apiId":"${'a'.repeat(300)}","stage":"p"}`]) {
      expect(parseWindowActionValue(junk)).toBeUndefined();
      expect(parseMuteValue(junk)).toBeUndefined();
    }
    expect(parseShowEvidenceValue('{"diagnosisId":""}')).toBeUndefined();
    expect(parseWindowActionValue('{"apiId":"a","stage":"p","from":5,"to":1}')).toEqual({ apiId: 'a', stage: 'p' });
  });
});
