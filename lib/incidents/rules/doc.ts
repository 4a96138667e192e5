import { describeCondition, describeDeadline } from './evaluate';
import type { ShippedRules } from './language';

// The docs table of shipped rules, generated from the data so it cannot drift
// (lib/incidents/rules/rules-doc.test.ts compares it with docs/incidents.md).

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function rulesMarkdownTable(lib: ShippedRules): string {
  const rows = lib.rules.map((r) =>
    `| \`${r.key}\` | [${cell(r.citation)}](${r.sourceUrl}) | ${cell(r.name)} | ${cell(r.recipient)} | ${cell(describeDeadline(r, lib.rules))} | ${cell(describeCondition(r.appliesWhen))} |`,
  );
  return [
    `Shipped rules, library version ${lib.libraryVersion} (${lib.rules.length} rules):`,
    '',
    '| Key | Citation | Obligation | Recipient | Deadline | Applies when |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    ...(lib.retired.length ? [`Retired in this version: ${lib.retired.map((r) => `\`${r.key}\` (replaced by ${r.replacedBy.map((k) => `\`${k}\``).join(', ')})`).join('; ')}.`] : []),
  ].join('\n');
}
