/** Thrown by ClaimIncident when the execution input is neither an alarm state-change event nor a manual request: the state machine fails with it. */
export class InvalidExecutionInput extends Error {
  override readonly name = 'InvalidExecutionInput';
}
