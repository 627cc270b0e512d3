import { JsonMap, Named, nameOf } from './k8s-types';

/** A value for an environment variable that Kubernetes resolves when the pod starts. */
export class EnvValue {
  /** A downward-API field of the pod, e.g. `metadata.name` or `metadata.annotations['x']`. */
  public static fromField(fieldPath: string): EnvValue {
    return new EnvValue({ fieldRef: { fieldPath } });
  }

  /** A resource request or limit of a container, e.g. `limits.memory`. */
  public static fromResource(
    resource: string,
    options: { containerName?: string; divisor?: string } = {},
  ): EnvValue {
    return new EnvValue({ resourceFieldRef: { resource, ...(options ?? {}) } });
  }

  private constructor(public readonly valueFrom: JsonMap) {}

  /** @internal */
  public static of(valueFrom: JsonMap): EnvValue {
    return new EnvValue(valueFrom);
  }
}

export interface KeyOptions {
  /** Start the pod even if the key is missing. @default false */
  readonly optional?: boolean;
}

export interface EnvFromOptions {
  /** A prefix for every variable name. @default none */
  readonly prefix?: string;
  /** Start the pod even if the object is missing. @default false */
  readonly optional?: boolean;
}

/** One `envFrom` entry: every key of a Secret or ConfigMap as a variable. */
export class EnvFrom {
  /** @internal */
  public constructor(public readonly source: JsonMap) {}
}

function envFrom(
  kind: 'secretRef' | 'configMapRef',
  named: Named,
  options: EnvFromOptions,
): EnvFrom {
  const { prefix, optional } = options ?? {};
  return new EnvFrom({
    ...(prefix !== undefined ? { prefix } : {}),
    [kind]: { name: nameOf(named), ...(optional !== undefined ? { optional } : {}) },
  });
}

/** References to Secrets: never put a credential in the manifest itself. */
export class Secrets {
  /** One key of a Secret, e.g. `Secrets.key('openai-credentials', 'api-key')`. */
  public static key(secret: Named, key: string, options: KeyOptions = {}): EnvValue {
    const optional = options?.optional !== undefined ? { optional: options.optional } : {};
    return EnvValue.of({ secretKeyRef: { name: nameOf(secret), key, ...optional } });
  }

  /** Every key of a Secret, for `envFrom`. */
  public static all(secret: Named, options: EnvFromOptions = {}): EnvFrom {
    return envFrom('secretRef', secret, options);
  }
}

/** References to ConfigMaps. */
export class ConfigMaps {
  /** One key of a ConfigMap. */
  public static key(configMap: Named, key: string, options: KeyOptions = {}): EnvValue {
    const optional = options?.optional !== undefined ? { optional: options.optional } : {};
    return EnvValue.of({ configMapKeyRef: { name: nameOf(configMap), key, ...optional } });
  }

  /** Every key of a ConfigMap, for `envFrom`. */
  public static all(configMap: Named, options: EnvFromOptions = {}): EnvFrom {
    return envFrom('configMapRef', configMap, options);
  }
}

/** `env` as a plain record: a literal string or a reference. */
export type EnvRecord = Readonly<Record<string, string | EnvValue>>;

/**
 * Renders an env record in its insertion order.
 * @internal
 */
export function renderEnv(env: EnvRecord): JsonMap[] {
  return Object.entries(env).map(([name, value]) =>
    value instanceof EnvValue ? { name, valueFrom: value.valueFrom } : { name, value },
  );
}
