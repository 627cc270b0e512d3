/**
 * decode.ts's general path, loaded only when a document is not in the block shape
 * block-decode.ts reads: js-yaml with a schema that resolves every scalar as goyaml.v2 does.
 */
import { Schema, Type, YAMLException, loadAll } from 'js-yaml';
import type { LoadOptions } from 'js-yaml';
import { DocumentError, MAX_DEPTH } from './document-error';
import { ScalarError, resolvePlain, resolveTagged } from './go-scalars';

let taggedResult: unknown;
let taggedError: string | undefined;

const plainScalar = new Type('tag:cdk8s-batch,2026:plain', {
  kind: 'scalar',
  resolve: () => true,
  construct: (data) => resolvePlain(data as string),
});

const taggedScalar = new Type('', {
  kind: 'scalar',
  multi: true,
  // js-yaml hands a multi type's resolve the tag too (@types/js-yaml 4.0 declares one argument).
  resolve: (data: unknown, tag?: string) => {
    try {
      taggedResult = resolveTagged(tag ?? '', data === null ? '' : String(data));
      return true;
    } catch (e) {
      if (!(e instanceof ScalarError)) throw e;
      taggedError = e.message;
      return false;
    }
  },
  construct: () => taggedResult,
});

/** goyaml.v2 ignores the tag of a sequence or a mapping. */
const taggedCollection = (kind: 'sequence' | 'mapping') =>
  new Type('', { kind, multi: true, resolve: () => true, construct: (data) => data });

const SCHEMA = new Schema({
  implicit: [plainScalar],
  explicit: [taggedScalar, taggedCollection('sequence'), taggedCollection('mapping')],
});

/** js-yaml's error as `reason` with a 1-based line and column, without its source snippet. */
function fromYamlException(e: YAMLException): DocumentError {
  let reason = e.reason || e.message.split('\n')[0];
  if (reason.startsWith('cannot resolve a node with') && taggedError) reason = taggedError;
  reason = reason.replace(/[\s:]+$/, '');
  return new DocumentError(
    reason,
    e.mark ? e.mark.line + 1 : undefined,
    e.mark ? e.mark.column + 1 : undefined,
  );
}

/**
 * The raw documents of a text (usually one: the splitter hands over one document at a time).
 * Throws a DocumentError for a syntax error.
 */
export function parseRaw(text: string): unknown[] {
  taggedError = undefined;
  try {
    // maxDepth is js-yaml 4.3's nesting limit, newer than @types/js-yaml 4.0.
    const options = { schema: SCHEMA, json: true, maxDepth: MAX_DEPTH } as LoadOptions;
    return loadAll(text, null, options);
  } catch (e) {
    if (e instanceof YAMLException) throw fromYamlException(e);
    if (e instanceof RangeError) {
      throw new DocumentError(`nesting too deep for the reader (over ${MAX_DEPTH} levels)`);
    }
    throw new DocumentError(`cannot parse: ${(e as Error).message}`);
  } finally {
    taggedResult = undefined;
  }
}
