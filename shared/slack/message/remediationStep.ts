/** A remediation step as mrkdwn: redacted, one line, and a CLI command at its end set as code to copy. */
import { oneLine } from '../../render/textLayout.ts';
import { redact } from '../../redact/redact.ts';
import { ellipsizeText, inlineCode, plainMrkdwn } from './mrkdwn.ts';

const STEP_MAX = 600;
// "…: aws lambda update-function-configuration --function-name x --timeout 12" (the rules end steps this way), up to
// a parenthesis or the end; what follows the command ("(more memory also brings more CPU).") stays prose.
const TRAILING_COMMAND = /^(.*?(?:: |^))(aws [a-z0-9-]+ [a-z0-9-]+(?: (?![(])\S*[^\s.;])*?)([.;]?(?: \(.*)?)$/;

export function stepMrkdwn(step: string): string {
  const text = ellipsizeText(oneLine(redact(step)), STEP_MAX);
  const command = TRAILING_COMMAND.exec(text);
  if (command) {
    const before = plainMrkdwn(command[1] ?? '');
    const after = plainMrkdwn(command[3] ?? '');
    return `${before}${before === '' ? '' : ' '}${inlineCode(command[2] ?? '')}${after === '' ? '' : /^[.;]/.test(after) ? after : ` ${after}`}`;
  }
  return plainMrkdwn(text);
}
