/**
 * Fits a message to Slack's whole-message limits (50 blocks, ~12,000 characters of block text) by leaving out
 * whole groups of blocks, least important first, never by failing. Groups of priority 0 are never left out; when
 * they alone are too long, their longest texts are halved until the message fits.
 */
import type { KnownBlock } from '@slack/types';
import { SLACK_LIMITS } from './slackLimits.ts';
import { blockTextLength } from './blockText.ts';
import { truncateMrkdwn } from './mrkdwn.ts';

export interface BlockGroup {
  /** What the group shows ("evidence 2"), for the note that says what was left out. */
  name: string;
  /** 0 = always kept; larger = left out sooner. */
  priority: number;
  blocks: KnownBlock[];
}

export interface FitBudget {
  maxBlocks: number;
  maxText: number;
}

export interface FittedBlocks {
  blocks: KnownBlock[];
  /** Names of the groups left out, in display order. */
  dropped: string[];
}

export const DEFAULT_BUDGET: FitBudget = { maxBlocks: SLACK_LIMITS.blocksPerMessage, maxText: SLACK_LIMITS.blockTextTotal };

export function fitBlocks(groups: readonly BlockGroup[], budget: FitBudget = DEFAULT_BUDGET): FittedBlocks {
  const kept = groups.filter((group) => group.blocks.length > 0).map((group, index) => ({ ...group, index, blocks: [...group.blocks] }));
  const droppedIndexes = new Set<number>();
  const size = (): { count: number; text: number } => ({
    count: kept.reduce((sum, group) => sum + group.blocks.length, 0),
    text: kept.reduce((sum, group) => sum + blockTextLength(group.blocks), 0),
  });
  const fits = (): boolean => {
    const { count, text } = size();
    return count <= budget.maxBlocks && text <= budget.maxText;
  };

  while (!fits()) {
    let victim = -1;
    kept.forEach((group, i) => {
      if (group.priority <= 0) return;
      const current = kept[victim];
      if (current === undefined || group.priority > current.priority || (group.priority === current.priority && group.index > current.index)) victim = i;
    });
    if (victim < 0) break;
    const [removed] = kept.splice(victim, 1);
    if (removed) droppedIndexes.add(removed.index);
  }

  const blocks = kept.flatMap((group) => group.blocks);
  // Only essential groups left and still too long: halve the longest texts (never below a readable minimum).
  while (blocks.length > budget.maxBlocks) blocks.pop();
  for (let guard = 0; guard < 200 && blockTextLength(blocks) > budget.maxText; guard++) {
    if (!halveLongestText(blocks)) break;
  }
  const dropped = groups.filter((group) => group.blocks.length > 0).filter((_, i) => droppedIndexes.has(i)).map((group) => group.name);
  return { blocks, dropped };
}

const MIN_TEXT = 80;

/** Halves the longest mrkdwn text among sections, fields and context elements; false when nothing can shrink. */
function halveLongestText(blocks: KnownBlock[]): boolean {
  let longest: { get: () => string; set: (text: string) => void } | undefined;
  let longestLength = MIN_TEXT;
  const consider = (holder: { text: string }): void => {
    if (holder.text.length > longestLength) {
      longestLength = holder.text.length;
      longest = { get: () => holder.text, set: (text) => (holder.text = text) };
    }
  };
  for (const block of blocks) {
    if (block.type === 'section') {
      if (block.text) consider(block.text);
      for (const field of block.fields ?? []) consider(field);
    } else if (block.type === 'context') {
      for (const element of block.elements) if (element.type === 'mrkdwn' || element.type === 'plain_text') consider(element);
    }
  }
  if (longest === undefined) return false;
  longest.set(truncateMrkdwn(longest.get(), Math.max(MIN_TEXT, Math.floor(longestLength / 2))));
  return true;
}
