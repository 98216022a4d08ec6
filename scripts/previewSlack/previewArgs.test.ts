import { describe, expect, it } from 'vitest';
import { parsePreviewArgs } from './previewArgs.ts';

describe('parsePreviewArgs', () => {
  it('reads the flags, with = or a separate value', () => {
    expect(parsePreviewArgs(['--evidence', 'events/x', '--out=/tmp/o', '--diagnosis-id', 'd-1'])).toEqual({ evidence: 'events/x', out: '/tmp/o', diagnosisId: 'd-1', channel: '#incidents' });
  });

  it('says what is wrong', () => {
    expect(parsePreviewArgs(['--out', 'o'])).toEqual({ problem: '--evidence DIR is required' });
    expect(parsePreviewArgs(['--evidence', 'e'])).toEqual({ problem: '--out OUTDIR is required' });
    expect(parsePreviewArgs(['--evidence', '--out', 'o'])).toEqual({ problem: '--evidence needs a value' });
    expect(parsePreviewArgs(['--colour'])).toEqual({ problem: 'unknown argument: --colour' });
    expect(parsePreviewArgs(['--help'])).toEqual({ problem: '' });
  });
});
