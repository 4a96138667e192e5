import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { rulesMarkdownTable } from './doc';
import { shippedRules } from './shipped';

const START = '<!-- shipped-rules:start (generated: UPDATE_DOCS=1 npm test -- unit lib/incidents/rules/rules-doc.test.ts) -->';
const END = '<!-- shipped-rules:end -->';

it('docs/incidents.md lists every shipped rule with its citation, as generated from the data', () => {
  const file = path.join(process.cwd(), 'docs/incidents.md');
  const doc = fs.readFileSync(file, 'utf8');
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  expect(from, 'the generated section markers').toBeGreaterThan(-1);
  const table = rulesMarkdownTable(shippedRules());
  const current = doc.slice(from + START.length, to).trim();
  if (process.env.UPDATE_DOCS === '1' && current !== table) {
    fs.writeFileSync(file, `${doc.slice(0, from + START.length)}\n${table}\n${doc.slice(to)}`);
    return;
  }
  expect(current).toBe(table);
  for (const r of shippedRules().rules) expect(current).toContain(r.citation.replace(/\|/g, '\\|'));
});
