import { ApiObject, ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';

/** Freezes a rendered manifest, so that a change made to it after synth is loud, not silent. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (Array.isArray(value)) {
      for (const v of value) deepFreeze(v);
    } else {
      for (const k in value) deepFreeze(value[k]);
    }
  }
  return value;
}

/** The methods that change an ApiObject's metadata after construction. */
const METADATA_SETTERS = [
  'addLabel',
  'addAnnotation',
  'addFinalizers',
  'addOwnerReference',
  'add',
] as const;

/** What a RenderedApiObject knows of changes to its metadata. */
interface MetadataState {
  /** Bumped by every metadata setter. */
  version: number;
  /** Whether the metadata holds values that can change without a call: compare it by value. */
  dynamic: boolean;
}

/** The metadata class's other methods, which change nothing. */
const METADATA_READERS = new Set(['constructor', 'getLabel', 'getAnnotation', 'toJson']);

/**
 * Whether the metadata class has a method this file does not know (a newer cdk8s): it might
 * change the metadata without a counted call, so every object compares by value instead.
 */
function hasUnknownMethods(proto: object): boolean {
  return Object.getOwnPropertyNames(proto).some(
    (name) =>
      !METADATA_READERS.has(name) &&
      !(METADATA_SETTERS as readonly string[]).includes(name) &&
      typeof Object.getOwnPropertyDescriptor(proto, name)?.value === 'function',
  );
}

const METADATA_STATES = new WeakMap<object, MetadataState>();
const COUNTING_PROTOTYPES = new WeakMap<object, object>();

/** Whether every value of a metadata change is a plain string, number or boolean. */
function allScalars(values: readonly unknown[]): boolean {
  return values.every(
    (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean',
  );
}

/** Whether metadata as given can change only through a setter: no owner reference, no Lazy. */
function staticMetadata(m: ApiObjectProps['metadata']): boolean {
  if (!m) return true;
  if ((m.ownerReferences?.length ?? 0) > 0) return false;
  const given = [m.name, m.namespace, m.generateName].filter((v) => v !== undefined);
  return allScalars([
    ...given,
    ...Object.values(m.labels ?? {}),
    ...Object.values(m.annotations ?? {}),
    ...(m.finalizers ?? []),
  ]);
}

/**
 * The metadata class's prototype with each setter counting its calls, built once per class:
 * giving a metadata object this prototype costs far less than wrapping its methods one by one.
 */
function countingPrototype(base: object): object {
  let proto = COUNTING_PROTOTYPES.get(base);
  if (!proto) {
    const descriptors: PropertyDescriptorMap = {};
    const methods = base as Record<string, (...args: unknown[]) => unknown>;
    for (const name of METADATA_SETTERS) {
      if (typeof methods[name] !== 'function') continue;
      descriptors[name] = {
        configurable: true,
        writable: true,
        value: function (this: object, ...args: unknown[]): unknown {
          const state = METADATA_STATES.get(this);
          if (state) {
            state.version++;
            if (name === 'addOwnerReference' || !allScalars(args)) state.dynamic = true;
          }
          return methods[name].apply(this, args);
        },
      };
    }
    proto = Object.create(base, descriptors) as object;
    COUNTING_PROTOTYPES.set(base, proto);
  }
  return proto;
}

/**
 * An ApiObject that renders once: cdk8s calls toJson() for validation and again for the YAML
 * (twice more in some synth paths), and the Workload's spec does not change after
 * construction. What can change is checked on every call, cheaply: the number of JSON patches
 * (`addJsonPatch`) and a version of the metadata that its setters (`metadata.addLabel`,
 * `addAnnotation`, ...) bump; the object renders again after such a change, and only then.
 * A metadata value other than a string, number or boolean (an owner reference, a Lazy), given
 * at construction or later, can change without a call: the object then compares its rendered
 * metadata on every call.
 */
export class RenderedApiObject extends ApiObject {
  private rendered?: {
    readonly version: number;
    readonly patches: number;
    readonly sorted: boolean;
    readonly metadata?: string;
    readonly json: ReturnType<ApiObject['toJson']>;
  };
  private readonly metadataState: MetadataState;

  public constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
    const base = Object.getPrototypeOf(this.metadata) as object;
    this.metadataState = {
      version: 0,
      dynamic: hasUnknownMethods(base) || !staticMetadata(props.metadata),
    };
    METADATA_STATES.set(this.metadata, this.metadataState);
    Object.setPrototypeOf(this.metadata, countingPrototype(base));
  }

  public toJson(): ReturnType<ApiObject['toJson']> {
    const patches = (this as unknown as { patches: unknown[] }).patches.length;
    const sorted = !process.env.CDK8S_DISABLE_SORT;
    const { version, dynamic } = this.metadataState;
    const metadata = dynamic ? JSON.stringify(this.metadata.toJson()) : undefined;
    const cached = this.rendered;
    if (
      cached?.version === version &&
      cached.patches === patches &&
      cached.sorted === sorted &&
      cached.metadata === metadata
    ) {
      return cached.json;
    }
    const json = deepFreeze(super.toJson());
    this.rendered = { version, patches, sorted, metadata, json };
    return json;
  }
}
