/** DocumentError and the nesting limit, shared by decode.ts and its general path (js-yaml-parse.ts). */

/** How deep collections may nest (goyaml.v2 has no limit; encoding/json stops at 10,000). */
export const MAX_DEPTH = 1000;

/** Why a document cannot be read, and where (1-based, relative to the document's text). */
export class DocumentError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
    /** The field path where the conversion failed, for a position found later. */
    readonly path?: string,
  ) {
    super(message);
  }
}
