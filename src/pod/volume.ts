import { JsonMap, Named, nameOf } from './k8s-types';

export interface VolumeOptions {
  /** The volume's name in the pod. @default derived from the source's name */
  readonly name?: string;
}

/** A pod volume; mount it with `{ path, volume }` in a container's `volumes`. */
export class Volume {
  /** A PersistentVolumeClaim (a name or a cdk8s-plus PersistentVolumeClaim). */
  public static fromPersistentVolumeClaim(
    claim: Named,
    options: VolumeOptions & { readOnly?: boolean } = {},
  ): Volume {
    const claimName = nameOf(claim);
    const readOnly = options?.readOnly ? { readOnly: true } : {};
    return new Volume(options?.name ?? toVolumeName(claimName), {
      persistentVolumeClaim: { claimName, ...readOnly },
    });
  }

  /** Scratch space that lives as long as the pod. */
  public static fromEmptyDir(
    name: string,
    options: { medium?: 'Memory'; sizeLimit?: string } = {},
  ): Volume {
    return new Volume(name, { emptyDir: { ...(options ?? {}) } });
  }

  /** A ConfigMap's keys as files. */
  public static fromConfigMap(
    configMap: Named,
    options: VolumeOptions & { defaultMode?: number; optional?: boolean } = {},
  ): Volume {
    const { name, ...rest } = options ?? {};
    return new Volume(name ?? toVolumeName(nameOf(configMap)), {
      configMap: { name: nameOf(configMap), ...rest },
    });
  }

  /** A Secret's keys as files. */
  public static fromSecret(
    secret: Named,
    options: VolumeOptions & { defaultMode?: number; optional?: boolean } = {},
  ): Volume {
    const { name, ...rest } = options ?? {};
    return new Volume(name ?? toVolumeName(nameOf(secret)), {
      secret: { secretName: nameOf(secret), ...rest },
    });
  }

  private constructor(
    public readonly name: string,
    private readonly source: JsonMap,
  ) {}

  /** The pod's `volumes[]` entry. */
  public toJson(): JsonMap {
    return { name: this.name, ...this.source };
  }
}

/** A mount of a volume into a container. */
export interface VolumeMount {
  /** Where the volume appears in the container, e.g. `/data`. */
  readonly path: string;
  /** The volume to mount; the pod gets its `volumes[]` entry. */
  readonly volume: Volume;
  /** @default false (true for a read-only PersistentVolumeClaim) */
  readonly readOnly?: boolean;
  /** A sub-path of the volume to mount instead of its root. @default the root */
  readonly subPath?: string;
}

function toVolumeName(name: string): string {
  if (typeof name !== 'string') return 'volume';
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63) || 'volume'
  );
}
