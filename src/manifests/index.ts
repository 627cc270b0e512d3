/**
 * Reading manifests exactly as the API server does (goyaml.v2 scalar resolution, then
 * sigs.k8s.io/yaml's JSON conversion), streamed, with positions; shared by the CLI, apply and
 * the cdk8s plugin.
 */
export { decodeYaml, DocumentError, MAX_DEPTH } from './decode';
export { expandPaths } from './files';
export type { PathEntry } from './files';
export { positionOf } from './position';
export type { DocumentSource, FieldPosition } from './position';
export { describeError, parseBytes, parseText, readObjects, readObjectsSync } from './read';
export type { ErrorItem, ObjectItem, ReadItem, ReadOptions, SkippedItem } from './read';
export { resolvePlain, resolveTagged } from './go-scalars';
