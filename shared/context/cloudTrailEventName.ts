/**
 * Lambda's CloudTrail event names carry the API version ("UpdateFunctionConfiguration20150331v2",
 * "AddPermission20150331v2", "PutFunctionConcurrency20171031", "CreateFunction20150331"; listed in the Lambda
 * developer guide "Logging AWS Lambda API calls using AWS CloudTrail"). The action name is what people read;
 * the raw name is what they search for, so ChangeEvent keeps the raw one and `what` uses this.
 */
export function normaliseEventName(eventName: string): string {
  const m = /^([A-Za-z]+?)(\d{8})(v\d+)?$/.exec(eventName);
  return m?.[1] ?? eventName;
}

/** Read-only calls by name, for events whose ReadOnly flag is missing. */
export function isReadOnlyEventName(eventName: string): boolean {
  return /^(Get|List|Describe|Lookup|BatchGet|Search|Head|Select|Test)[A-Z]/.test(normaliseEventName(eventName));
}
