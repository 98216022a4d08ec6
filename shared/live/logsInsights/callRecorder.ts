/**
 * What the runner needs from the AWS call log: one line per call. It is AwsCallLog's own interface, so an AwsCallLog
 * can be passed as is. The runner records each attempt itself (aws-sdk-client-mock bypasses middleware, so tests see
 * the calls too): do not also `instrument()` the CloudWatchLogsClient with the same log, or pass NO_CALL_RECORDER.
 */
import type { CallRecorder } from '../AwsCallLog.ts';

export type { CallRecorder };

/** For a client already instrumented with AwsCallLog.instrument: the runner then records nothing itself. */
export const NO_CALL_RECORDER: CallRecorder = { record: () => undefined };
