/** Rules for how the API server decodes JSON types (filled in by the decoding work). */
export {};
