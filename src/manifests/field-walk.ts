/** Following a field path such as `spec.template.spec.containers[0].image` down a parsed document. */
import type { FieldPosition } from './position';

/** `a.b[0].c`, `metadata.labels.app.kubernetes.io/name`, `a["x.y"]`: dots in keys stay ambiguous. */
export function tokens(path: string): { text: string; index?: number; quoted?: string }[] {
  const out: { text: string; index?: number; quoted?: string }[] = [];
  const re = /\[(\d+)\]|\[(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\]|([^.[\]]+)|\./g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) out.push({ text: m[0], index: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ text: m[0], quoted: JSON.parse(`"${m[2]}"`) });
    else if (m[3] !== undefined) out.push({ text: m[0], quoted: m[3] });
    else if (m[4] !== undefined) out.push({ text: m[4] });
  }
  return out;
}

/** A child of a mapping (with its key) or of a sequence, and where it is written. */
export interface Entry<N> {
  readonly key?: string;
  /** 1-based line in the file and column; undefined when the parser kept no position. */
  readonly at?: { readonly line: number; readonly column: number };
  readonly node: N;
}

/** What the walk needs of a parsed document. */
export interface Walkable<N> {
  /** A sequence's items; undefined for anything else. */
  items(node: N): readonly Entry<N>[] | undefined;
  /** A mapping's pairs; undefined for anything else. */
  pairs(node: N): readonly Entry<N>[] | undefined;
}

/** Follows the path's tokens down from `root`, as far as the document has them. */
export function walk<N>(
  tree: Walkable<N>,
  root: N,
  rootAt: { line: number; column: number },
  toks: ReturnType<typeof tokens>,
): FieldPosition {
  let node = root;
  let at = rootAt;
  let found = positionAt(at, '', toks.length === 0);
  let consumed = '';
  let i = 0;
  while (i < toks.length) {
    const t = toks[i];
    if (t.index !== undefined) {
      const items = tree.items(node);
      if (!items || t.index >= items.length) return found;
      const item = items[t.index];
      consumed += t.text;
      i++;
      at = item.at ?? at;
      found = positionAt(at, consumed, i === toks.length);
      node = item.node;
      continue;
    }
    const pairs = tree.pairs(node);
    if (!pairs) return found;
    // The longest key that the rest of the path starts with (keys may contain dots).
    let best: { pair: Entry<N>; used: number } | undefined;
    for (const pair of pairs) {
      const k = pair.key;
      if (k === undefined) continue;
      if (t.quoted !== undefined) {
        if (k === t.quoted) best = { pair, used: 1 };
        continue;
      }
      let joined = '';
      for (
        let j = i;
        j < toks.length && toks[j].index === undefined && toks[j].quoted === undefined;
        j++
      ) {
        joined = joined === '' ? toks[j].text : `${joined}.${toks[j].text}`;
        if (joined === k && (!best || j - i + 1 >= best.used)) best = { pair, used: j - i + 1 };
      }
    }
    if (!best) return found;
    for (let j = 0; j < best.used; j++) {
      consumed +=
        consumed === '' || toks[i + j].quoted !== undefined
          ? toks[i + j].text
          : `.${toks[i + j].text}`;
    }
    i += best.used;
    at = best.pair.at ?? at;
    found = positionAt(at, consumed, i === toks.length);
    node = best.pair.node;
  }
  return found;
}

/** Written out, not spread: a spread of `at` cost most of a walk. */
function positionAt(
  at: { line: number; column: number },
  path: string,
  exact: boolean,
): FieldPosition {
  return { line: at.line, column: at.column, path, exact };
}
