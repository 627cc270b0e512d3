import { ContainerSecurityContext, PodSecurityContext } from './k8s-types';

/** A non-root uid that root images (python:3.11-slim, busybox) run as without changes. */
export const DEFAULT_UID = 65532;

/**
 * Defaults that pass the Pod Security "restricted" profile and still start images that
 * declare no USER: an explicit non-root uid, RuntimeDefault seccomp.
 */
export function podSecurityContext(overrides: PodSecurityContext = {}): PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: DEFAULT_UID,
    runAsGroup: DEFAULT_UID,
    fsGroup: DEFAULT_UID,
    seccompProfile: { type: 'RuntimeDefault' },
    ...overrides,
  };
}

/** No privilege escalation, no capabilities, read-only root (with /tmp mounted writable). */
export function containerSecurityContext(
  overrides: ContainerSecurityContext = {},
): ContainerSecurityContext {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    ...overrides,
  };
}
