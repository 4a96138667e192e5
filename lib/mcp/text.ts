import type { VersionView } from '@/lib/models/queries';
import type { getReview } from '@/lib/reviews/queries';

type Statement = { label: string | null; text: string; items: Statement[] };

/** A requirement's statement (the regulation's own wording, nested items indented). */
export function renderStatement(node: Statement | null, depth = 0): string {
  if (!node) return '';
  const pad = '  '.repeat(depth);
  const line = `${pad}${node.label ? `${node.label} ` : ''}${node.text}`.trimEnd();
  return [line, ...node.items.map((n) => renderStatement(n, depth + 1))].filter(Boolean).join('\n');
}

/** The prompt text for "explain why this version cannot be promoted", built on the gate's own reasons. */
export function unblockPrompt(v: VersionView): string {
  const list = (reasons: string[]) => (reasons.length ? reasons.map((r) => `- ${r}`).join('\n') : '- (none)');
  return [
    `Explain, for the people who own it, why version ${v.label} of the model "${v.model.name}" (${v.model.key}) cannot be promoted, and what each of them would have to do to unblock it.`,
    'Use only the facts below, which come from the portal\'s promotion gate; do not invent conditions.',
    '',
    `Current stage: ${v.stage}. Next stage: ${v.next ?? 'none (it is at the end of the lifecycle)'}.`,
    `Unmet conditions for the next stage:\n${list(v.nextReasons)}`,
    `Unmet conditions for production:\n${list(v.productionReasons)}`,
    `Sign-offs so far: ${v.signOffs.length ? v.signOffs.map((s) => `${s.role} by ${s.user}`).join(', ') : 'none'}.`,
    `Model card sections missing: ${v.cardMissing.length ? v.cardMissing.join(', ') : 'none'}.`,
    `Checks: ${JSON.stringify(v.checks)}`,
  ].join('\n');
}

/** The prompt text for "prepare the quarterly review summary", with the review's figures inlined. */
export function summaryPrompt(quarter: string, review: Awaited<ReturnType<typeof getReview>>): string {
  return [
    `Prepare the summary of the ${quarter} quarterly AI governance review for the management board: one paragraph of overall posture, then the notable changes, the open risks and the action items with their owners and due dates.`,
    'Keep every figure exactly as given; say which figures are still live if the review is not closed.',
    '',
    'The review as the portal records it (JSON):',
    JSON.stringify(review, null, 2),
  ].join('\n');
}
