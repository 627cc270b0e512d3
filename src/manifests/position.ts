/**
 * Where a field path is in a document's text, computed only when asked (for documents with
 * findings). A document in the block shape block-decode.ts reads is followed line by line
 * (block-locate.ts); any other is parsed again with the `yaml` package (yaml-position.ts, loaded
 * only then). A path that does not exist gives the position of its nearest ancestor that does.
 */
import { decodeBlockYaml } from './block-decode';
import { GIVE_UP, INTO_FLOW, blockPositionOf } from './block-locate';

/** The text of one document and where it starts, kept with each object the reader yields. */
export interface DocumentSource {
  readonly file: string;
  /** The 1-based line of the file on which `text` starts. */
  readonly line: number;
  readonly text: string;
  /** For an item of a List: its path in the document, e.g. `items[3]`. */
  readonly itemPath?: string;
  /** Whether block-decode.ts read the document. @default found out when a position is asked */
  readonly block?: boolean;
}

export interface FieldPosition {
  /** 1-based line in the file. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** The part of the path that was found (the whole path when `exact`). */
  readonly path: string;
  readonly exact: boolean;
}

/** The last document asked about without `block`: findings of one object come one after another. */
let cached: { text: string; block: boolean } | undefined;

function isBlock(source: DocumentSource): boolean {
  if (source.block !== undefined) return source.block;
  if (cached?.text !== source.text) {
    cached = { text: source.text, block: decodeBlockYaml(source.text) !== undefined };
  }
  return cached.block;
}

/** The path from the document's root: a List item's path, then the field's. */
export function pathOf(source: DocumentSource, fieldPath: string): string {
  return [source.itemPath, fieldPath].filter((p) => p).join(fieldPath.startsWith('[') ? '' : '.');
}

/**
 * The line and column of `fieldPath` (e.g. `spec.template.spec.containers[0].image`) in the
 * document `source`; for a List item the path is relative to the item.
 */
export function positionOf(source: DocumentSource, fieldPath: string): FieldPosition {
  const path = pathOf(source, fieldPath);
  if (isBlock(source)) {
    try {
      return blockPositionOf(source.text, source.line, path);
    } catch (e) {
      if (e !== GIVE_UP && e !== INTO_FLOW) throw e;
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the yaml package loads only here
  const { yamlPositionOf } = require('./yaml-position') as typeof import('./yaml-position');
  return yamlPositionOf(source, path);
}
