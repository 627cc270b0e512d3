import { ApiObject } from 'cdk8s';

/** Freezes a rendered manifest, so that a change made to it after synth is loud, not silent. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * An ApiObject that renders once: cdk8s calls toJson() for validation and again for the YAML
 * (twice more in some synth paths), and the Workload's spec does not change after
 * construction. What can change, metadata (labels, annotations) and JSON patches, is part
 * of the cache key, so `addJsonPatch` or `metadata.addLabel` after a synth renders again.
 */
export class RenderedApiObject extends ApiObject {
  private rendered?: { readonly key: string; readonly json: ReturnType<ApiObject['toJson']> };

  public toJson(): ReturnType<ApiObject['toJson']> {
    const patches = (this as unknown as { patches: unknown[] }).patches;
    const key = `${patches.length}|${JSON.stringify(this.metadata.toJson())}`;
    if (this.rendered?.key !== key) {
      this.rendered = { key, json: deepFreeze(super.toJson()) };
    }
    return this.rendered.json;
  }
}
