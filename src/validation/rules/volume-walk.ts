/** Shared helpers of the volume rules: the pod's volumes, their source, paths and file modes. */
import { RuleContext, ReportOptions } from '../rule';
import { Obj, arr, int, isObj, str } from '../read';
import { serves } from '../versions';

/**
 * Every source of a v1 Volume, in the order validation.go validateVolumeSource tries them:
 * the first one present is validated, any other is "more than 1 volume type".
 */
export const VOLUME_SOURCES = [
  'emptyDir',
  'hostPath',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'flocker',
  'persistentVolumeClaim',
  'rbd',
  'cinder',
  'cephfs',
  'quobyte',
  'downwardAPI',
  'fc',
  'flexVolume',
  'configMap',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'storageos',
  'projected',
  'scaleIO',
  'csi',
  'ephemeral',
  'image',
] as const;

export type VolumeSourceKind = (typeof VOLUME_SOURCES)[number];

/**
 * Image volumes are kept and validated where the ImageVolume feature is on by default (beta
 * from 1.35); before that the server drops them from the pod template.
 */
export const IMAGE_VOLUMES_ON: `1.${number}` = '1.35';

/** The sources a volume sets (objects only: a value of another type is a decoding error). */
export function sourcesOf(ctx: RuleContext, volume: Obj): VolumeSourceKind[] {
  return VOLUME_SOURCES.filter(
    (k) =>
      Object.prototype.hasOwnProperty.call(volume, k) &&
      isObj(volume[k]) &&
      (k !== 'image' || serves(ctx.targetVersion, IMAGE_VOLUMES_ON)),
  );
}

export interface VolumeVisit {
  readonly volume: Obj;
  /** Field path of the volume, e.g. `spec.template.spec.volumes[0]`. */
  readonly path: string;
  readonly name: string | undefined;
  /** The source the server validates (the first one set), if any. */
  readonly kind: VolumeSourceKind | undefined;
  /** That source's object (empty when none). */
  readonly source: Obj;
}

/** Visits every volume of the pod with its validated source. */
export function eachVolume(ctx: RuleContext, visit: (v: VolumeVisit) => void): void {
  arr(ctx.podSpec.volumes).forEach((volume, i) => {
    if (!isObj(volume)) return;
    const kind = sourcesOf(ctx, volume)[0];
    visit({
      volume,
      path: `${ctx.podPath}.volumes[${i}]`,
      name: str(volume.name),
      kind,
      source: kind ? (volume[kind] as Obj) : {},
    });
  });
}

/** The pod's volumes by name, with the source each one uses (undefined: defaulted to emptyDir). */
export function volumesByName(ctx: RuleContext): Map<string, VolumeSourceKind | undefined> {
  const byName = new Map<string, VolumeSourceKind | undefined>();
  eachVolume(ctx, (v) => {
    if (v.name !== undefined && v.name !== '' && !byName.has(v.name)) byName.set(v.name, v.kind);
  });
  return byName;
}

/** Whether a string field is unset or empty (the server's `len(x) == 0`); other types are skipped. */
export function blank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** validation.go validatePathNoBacksteps: no `..` element. */
export function hasBacksteps(path: string): boolean {
  return path.split('/').includes('..');
}

/** validation.go validateLocalDescendingPath: relative, without `..` elements. */
export function localDescendingPathProblem(path: string): string | undefined {
  if (path.startsWith('/')) return 'must be a relative path';
  if (hasBacksteps(path)) return "must not contain '..'";
  return undefined;
}

/** validation.go ValidateLocalNonReservedPath: also must not start with `..`. */
export function localNonReservedPathProblem(path: string): string | undefined {
  const problem = localDescendingPathProblem(path);
  if (problem) return problem;
  if (path.startsWith('..')) return "must not start with '..'";
  return undefined;
}

export type Report = (field: string, message: string, options?: ReportOptions) => void;

/** A file mode (defaultMode, items[].mode): 0 to 0777 octal, that is 0 to 511. */
export function checkFileMode(report: Report, field: string, value: unknown): void {
  const mode = int(value);
  if (mode === undefined || (mode >= 0 && mode <= 0o777)) return;
  const digits = String(mode);
  const octal = /^[0-7]{3,4}$/.test(digits) ? parseInt(digits, 8) : undefined;
  report(field, 'must be a file mode between 0 and 0777 (octal), that is 0 to 511 in decimal', {
    value: mode,
    fix:
      octal !== undefined && octal <= 0o777
        ? `${digits} is decimal here; for mode 0${digits} write 0${digits} in YAML or ${octal} in JSON`
        : undefined,
  });
}

/** validation.go validateKeyToPath: an item of a secret or configMap volume or projection. */
export function checkKeyToPath(report: Report, item: Obj, field: string): void {
  if (blank(item.key)) report(`${field}.key`, 'is required');
  const path = item.path;
  if (blank(path)) {
    report(`${field}.path`, 'is required', { fix: 'name the file the key is written to' });
  } else if (typeof path === 'string') {
    const problem = localNonReservedPathProblem(path);
    if (problem) report(`${field}.path`, problem, { value: path });
  }
  checkFileMode(report, `${field}.mode`, item.mode);
}

/** `items` of a secret, configMap or projection, checked with checkKeyToPath. */
export function checkKeyToPaths(report: Report, items: unknown, field: string): void {
  eachObj(items, (item, i) => checkKeyToPath(report, item, `${field}[${i}]`));
}

/** Visits the objects of a list with their index in the list as written. */
export function eachObj(list: unknown, visit: (item: Obj, index: number) => void): void {
  const items = arr(list);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (isObj(item)) visit(item, i);
  }
}
