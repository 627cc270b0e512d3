import { ContainerSecurityContext, JsonMap } from './k8s-types';
import { EnvFrom, EnvRecord, renderEnv } from './env';
import { Resources, renderResources } from './resources';
import { VolumeMount } from './volume';
import { containerSecurityContext } from './security';
import { ProblemSink } from '../validation/problem';

export interface ContainerProps {
  /** The container's name (a DNS-1123 label, unique in the pod). @default 'main' */
  readonly name?: string;
  /** The image, pinned by tag or digest, e.g. `python:3.11-slim`. */
  readonly image: string;
  /** Replaces the image's ENTRYPOINT. @default the image's */
  readonly command?: string[];
  /** Replaces the image's CMD. @default the image's */
  readonly args?: string[];
  /** Environment variables: literals, `Secrets.key(...)`, `ConfigMaps.key(...)`, `EnvValue.fromField(...)`. @default none */
  readonly env?: EnvRecord;
  /** Whole Secrets and ConfigMaps as variables: `[Secrets.all('ai-secrets')]`. @default none */
  readonly envFrom?: EnvFrom[];
  /** Requests, limits and GPUs. @default none */
  readonly resources?: Resources;
  /** Volumes to mount: `[{ path: '/data', volume: Volume.fromPersistentVolumeClaim('agent-data') }]`. @default none */
  readonly volumes?: VolumeMount[];
  /** @default the image's */
  readonly workingDir?: string;
  /** @default Kubernetes' (IfNotPresent for a pinned tag) */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** Overrides of the secure container defaults. @default see ContainerSecurityContext */
  readonly securityContext?: ContainerSecurityContext;
}

export interface RenderedContainer {
  /** The `containers[]` entry. */
  readonly container: JsonMap;
  /** The volumes its mounts need in the pod. */
  readonly mounts: readonly VolumeMount[];
  /** Tolerations its GPU resources need. */
  readonly tolerations: JsonMap[];
  /** Node labels its GPU resources need. */
  readonly nodeSelector: Record<string, string>;
}

export const DEFAULT_CONTAINER_NAME = 'main';

/**
 * HOME and the cache directories of pip, Hugging Face, torch and XDG-minded tools, under the
 * writable /tmp: with the default non-root uid (no passwd entry) HOME is `/`, which the
 * process cannot write, and the root filesystem is read-only anyway.
 */
export const CACHE_ENV: Readonly<Record<string, string>> = {
  HOME: '/tmp',
  XDG_CACHE_HOME: '/tmp/.cache',
  PIP_CACHE_DIR: '/tmp/.cache/pip',
  HF_HOME: '/tmp/.cache/huggingface',
  TORCH_HOME: '/tmp/.cache/torch',
};

/**
 * Renders one checked container. `propPath` is where its props are (`''` for the
 * single-container shorthand, `containers[1].` otherwise), for the problems found here.
 * @internal
 */
export function renderContainer(
  props: ContainerProps,
  propPath: string,
  report: ProblemSink,
  options: { cacheDirs: boolean } = { cacheDirs: true },
): RenderedContainer {
  const res = renderResources(props.resources, `${propPath}resources`, report);
  const securityContext = containerSecurityContext(props.securityContext);
  const mounts = [...(props.volumes ?? [])];
  const container: JsonMap = {
    name: props.name ?? DEFAULT_CONTAINER_NAME,
    ...(props.image !== undefined ? { image: props.image } : {}),
  };
  if (props.imagePullPolicy) container.imagePullPolicy = props.imagePullPolicy;
  if (props.command) container.command = [...props.command];
  if (props.args) container.args = [...props.args];
  if (props.workingDir) container.workingDir = props.workingDir;
  const env: EnvRecord = options.cacheDirs ? { ...CACHE_ENV, ...props.env } : (props.env ?? {});
  if (Object.keys(env).length > 0) container.env = renderEnv(env);
  if (props.envFrom && props.envFrom.length > 0)
    container.envFrom = props.envFrom.map((e) => e.source);
  if (res.resources) container.resources = res.resources;
  container.securityContext = securityContext;
  return {
    container,
    mounts,
    tolerations: res.tolerations as JsonMap[],
    nodeSelector: res.nodeSelector,
  };
}

/** @internal */
export function renderMounts(mounts: readonly VolumeMount[]): JsonMap[] {
  return mounts.map((m) => {
    const source = m.volume.toJson();
    const claimReadOnly = (source.persistentVolumeClaim as JsonMap | undefined)?.readOnly === true;
    const readOnly = m.readOnly ?? claimReadOnly;
    return {
      name: m.volume.name,
      mountPath: m.path,
      ...(readOnly ? { readOnly: true } : {}),
      ...(m.subPath ? { subPath: m.subPath } : {}),
    };
  });
}
