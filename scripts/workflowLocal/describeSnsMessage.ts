import type { PublishCommandInput } from '@aws-sdk/client-sns';

/** A published SNS message as an e-mail subscriber would see it: subject, attributes, the default body. */
export function describeSnsMessage(message: PublishCommandInput): string {
  let body = message.Message ?? '';
  if (message.MessageStructure === 'json') {
    try {
      const perProtocol = JSON.parse(body) as Record<string, unknown>;
      const text = perProtocol['email'] ?? perProtocol['default'];
      if (typeof text === 'string') body = text;
    } catch {
      // Shown as published.
    }
  }
  const attributes = Object.entries(message.MessageAttributes ?? {})
    .map(([name, value]) => `${name}=${value.StringValue ?? ''}`)
    .join(', ');
  return `Subject: ${message.Subject ?? '(none)'}\nAttributes: ${attributes || '(none)'}\n\n${body}\n`;
}
