/**
 * positionOf for any document: parsed again with the `yaml` package, which keeps source ranges.
 * Loaded only when a document is not in the block shape block-decode.ts reads.
 */
import {
  Document,
  LineCounter,
  Node,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
} from 'yaml';
import { Walkable, tokens, walk } from './field-walk';
import { resolvePlain, resolveTagged } from './go-scalars';
import type { DocumentSource, FieldPosition } from './position';

/** A mapping key as the reader spells it (goyaml.v2 resolution, sigs.k8s.io/yaml key strings). */
function keyString(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  try {
    if (key.tag && key.tag !== '!')
      return String(resolveTagged(key.tag, String(key.source ?? key.value)));
    if (key.type === 'PLAIN') return String(resolvePlain(String(key.source ?? key.value)));
  } catch {
    return undefined;
  }
  return String(key.value);
}

function deref(doc: Document, node: unknown): unknown {
  for (let i = 0; i < 100 && isAlias(node); i++) node = node.resolve(doc);
  return node;
}

/** The `yaml` package's document as a Walkable. */
function yamlTree(doc: Document, pos: (offset: number) => { line: number; column: number }) {
  const at = (node: unknown) => {
    const offset = (node as Node | null)?.range?.[0];
    return offset === undefined ? undefined : pos(offset);
  };
  const tree: Walkable<unknown> = {
    items: (node) =>
      isSeq(node)
        ? node.items.map((item) => ({ at: at(item), node: deref(doc, item) }))
        : undefined,
    pairs: (node) =>
      isMap(node)
        ? node.items.flatMap((pair) =>
            isPair(pair)
              ? [{ key: keyString(pair.key), at: at(pair.key), node: deref(doc, pair.value) }]
              : [],
          )
        : undefined,
  };
  return tree;
}

/** positionOf by the `yaml` package, for any document. */
export function yamlPositionOf(source: DocumentSource, fullPath: string): FieldPosition {
  const { doc, counter } = parsed(source.text);
  const pos = (offset: number) => {
    const p = counter.linePos(offset);
    return { line: source.line + p.line - 1, column: p.col };
  };
  const root = deref(doc, doc.contents);
  const rootAt = pos((root as Node | null)?.range?.[0] ?? 0);
  return walk(yamlTree(doc, pos), root, rootAt, tokens(fullPath));
}

/** The last document parsed: findings of one object are located one after another. */
let last: { text: string; doc: Document; counter: LineCounter } | undefined;

function parsed(text: string): { doc: Document; counter: LineCounter } {
  if (last?.text !== text) {
    const counter = new LineCounter();
    const doc = parseDocument(text, {
      lineCounter: counter,
      uniqueKeys: false,
      strict: false,
      prettyErrors: false,
      keepSourceTokens: false,
    });
    last = { text, doc, counter };
  }
  return last;
}
