/** Whether the text report gets ANSI colour: the flag, then FORCE_COLOR (as Node reads it), then NO_COLOR, then the terminal. */
export function shouldUseColor(noColorFlag: boolean, env: Record<string, string | undefined>, stdoutIsTTY: boolean): boolean {
  if (noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  // https://no-color.org: set and not empty.
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stdoutIsTTY;
}
