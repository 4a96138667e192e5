import type { StatementNode } from '@/lib/requirements/logic/oscal';

/** A published statement with its item labels (a., 1., (a)) and nesting, indented one step per level. */
export function Statement({ node }: { node: StatementNode }) {
  return (
    <div className="max-w-3xl space-y-2 text-sm text-slate-800" data-testid="requirement-statement">
      {node.text ? <Paragraphs text={node.text} /> : null}
      {node.items.length ? <Items items={node.items} /> : null}
    </div>
  );
}

function Items({ items }: { items: StatementNode[] }) {
  return (
    <ol className="list-none space-y-1">
      {items.map((item, i) => (
        <li key={i} className="flex gap-2">
          {item.label ? <span className="w-8 shrink-0 text-right font-medium tabular-nums">{item.label}</span> : null}
          <div className="min-w-0 space-y-1">
            {item.text ? <Paragraphs text={item.text} /> : null}
            {item.items.length ? <Items items={item.items} /> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split('\n\n').map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </>
  );
}
