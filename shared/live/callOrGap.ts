import { type AwsErrorInfo, type CallPurpose, describeAwsError, gapForAwsError } from './awsErrors.ts';

/**
 * Runs one AWS call for a piece of evidence; when it fails, the failure becomes a `gaps` line (access denied
 * names the action to allow) and the caller goes on with undefined. One service refusing must never stop
 * the diagnosis of the rest.
 */
export async function callOrGap<T>(
  purpose: CallPurpose,
  call: () => Promise<T>,
  gaps: string[],
  options: { onError?: (info: AwsErrorInfo) => void } = {},
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    options.onError?.(describeAwsError(error));
    const gap = gapForAwsError(purpose, error);
    if (!gaps.includes(gap)) gaps.push(gap);
    return undefined;
  }
}
