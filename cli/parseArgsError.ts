/** node:util parseArgs errors, reworded as one line for a usage message. */
export function describeParseArgsError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown !== null) return `unknown option '${unknown[1]}'`;
  const unexpected = /^Unexpected argument '([^']+)'/.exec(message);
  if (unexpected !== null) return `unexpected argument '${unexpected[1]}'`;
  // "Option '--evidence' argument is ambiguous.\nDid you forget to specify the option argument for '--evidence'?\nTo specify ..."
  const [first = message, second] = message.split('\n');
  const line = second?.startsWith('Did you forget') === true ? `${first} ${second}` : first;
  return line.charAt(0).toLowerCase() + line.slice(1);
}
