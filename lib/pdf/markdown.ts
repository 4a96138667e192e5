// The Markdown the portal's text fields use (minutes, notes), read into
// blocks for the PDF renderer: headings, paragraphs, bullet and numbered
// lists, **bold**, *italic*, `code` and [links](url) as their text. Pure.

export type Inline = { text: string; bold?: boolean; italic?: boolean };
export type MdBlock = { kind: 'heading'; level: number; text: string } | { kind: 'paragraph'; runs: Inline[] } | { kind: 'list'; ordered: boolean; items: Inline[][] };

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const re = /\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|_(.+?)_|`(.+?)`|\[(.+?)\]\((.+?)\)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    if (m[1] ?? m[2]) out.push({ text: (m[1] ?? m[2])!, bold: true });
    else if (m[3] ?? m[4]) out.push({ text: (m[3] ?? m[4])!, italic: true });
    else if (m[5]) out.push({ text: m[5] });
    else out.push({ text: `${m[6]} (${m[7]})` });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out.filter((r) => r.text !== '');
}

export function parseMarkdown(md: string): MdBlock[] {
  const blocks: MdBlock[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', runs: parseInline(para.join(' ')) });
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    para = [];
    list = null;
  };
  for (const raw of md.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1].length, text: heading[2] });
    } else if (bullet || numbered) {
      const ordered = Boolean(numbered);
      if (para.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)![1]);
    } else if (list && /^\s{2,}/.test(raw)) list.items[list.items.length - 1] += ` ${line}`;
    else {
      if (list) flush();
      para.push(line);
    }
  }
  flush();
  return blocks;
}
