/**
 * Slack's Block Kit limits that the incident message must respect. Slack rejects a whole message when one field is
 * over (`invalid_blocks`, `msg_too_long`, `msg_blocks_too_long`), so the renderer trims to these numbers and never
 * sends more. Sources (also /work/shared/reference/limits.md §4.5):
 * - blocks per message 50, actions ≤25 elements, block_id ≤255: https://api.slack.com/reference/block-kit/blocks
 * - section text 3,000, fields ≤10 each ≤2,000: https://api.slack.com/reference/block-kit/blocks#section
 *   (also the doc comments of @slack/types 3.2.0 SectionBlock)
 * - header text 150: https://docs.slack.dev/reference/block-kit/blocks/header-block
 * - context ≤10 elements: https://docs.slack.dev/reference/block-kit/blocks/context-block
 * - image: image_url ≤3,000, alt_text ≤2,000, title ≤2,000: https://api.slack.com/reference/block-kit/blocks#image
 * - button: text ≤75, value ≤2,000, url ≤3,000, action_id ≤255:
 *   https://api.slack.com/reference/block-kit/block-elements#button (the same numbers in the slackblocks crate's
 *   generated limits, docs.rs/crate/slackblocks/2.7.0/source/src/generated/constants.rs)
 * - confirm dialog: title ≤100, text ≤300, confirm/deny ≤30: the same slackblocks limits table
 * - a text object's text ≤3,000: https://api.slack.com/reference/block-kit/composition-objects#text
 * - `msg_blocks_too_long` observed at ~13.2k characters of combined block text, below any documented number:
 *   https://github.com/slackapi/bolt-js/issues/2509 — so every string in the blocks together stays under 12,000.
 * - the top-level `text` is truncated by Slack past 40,000; it is the notification, so it is kept short (≤3,000).
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  /** Our budget for every string in the blocks together (see msg_blocks_too_long above). */
  blockTextTotal: 12_000,
  headerText: 150,
  sectionText: 3_000,
  sectionFields: 10,
  sectionFieldText: 2_000,
  contextElements: 10,
  textObject: 3_000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2_000,
  buttonUrl: 3_000,
  actionId: 255,
  blockId: 255,
  imageUrl: 3_000,
  imageAltText: 2_000,
  imageTitle: 2_000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** The notification text (`text`) of our messages. */
  fallbackText: 3_000,
} as const;
