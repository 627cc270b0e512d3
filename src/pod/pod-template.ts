import { Duration } from 'cdk8s';
import {
  Affinity,
  ContainerSecurityContext,
  JsonMap,
  Named,
  PodSecurityContext,
  Toleration,
  nameOf,
} from './k8s-types';
import { ContainerProps, RenderedContainer, renderContainer, renderMounts } from './container';
import { EnvFrom, EnvRecord } from './env';
import { Resources } from './resources';
import { Volume, VolumeMount } from './volume';
import { podSecurityContext } from './security';
import { ProblemSink, propProblem } from '../validation/problem';
import { wholeSeconds } from './duration';

/** Labels and annotations of the pods. */
export interface PodMetadata {
  /** @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * The pod template: either the single-container shorthand (`image`, `command`, ...) or
 * `containers`, plus scheduling and security.
 */
export interface PodTemplateProps {
  /** The image of the single container (shorthand; use `containers` for several). @default none */
  readonly image?: string;
  /** Name of the single container. @default 'main' */
  readonly containerName?: string;
  /** @default the image's ENTRYPOINT */
  readonly command?: string[];
  /** @default the image's CMD */
  readonly args?: string[];
  /** @default none */
  readonly env?: EnvRecord;
  /** @default none */
  readonly envFrom?: EnvFrom[];
  /** @default none */
  readonly resources?: Resources;
  /** @default none */
  readonly volumes?: VolumeMount[];
  /** @default the image's */
  readonly workingDir?: string;
  /** @default Kubernetes' */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** Overrides of the single container's secure defaults. @default see ContainerSecurityContext */
  readonly securityContext?: ContainerSecurityContext;

  /** Several containers (instead of the shorthand). @default the shorthand's one container */
  readonly containers?: ContainerProps[];
  /** Containers that run to completion before the others start. @default none */
  readonly initContainers?: ContainerProps[];

  /** `Never` replaces a failed pod; `OnFailure` restarts it in place. @default 'Never' */
  readonly restartPolicy?: 'Never' | 'OnFailure';
  /** @default the namespace's default service account */
  readonly serviceAccountName?: Named;
  /** Mount the service account token. @default false */
  readonly automountServiceAccountToken?: boolean;
  /** @default none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** @default none (plus the GPU toleration when `resources.gpu` is set) */
  readonly tolerations?: Toleration[];
  /** @default none */
  readonly affinity?: Affinity;
  /** @default the cluster's default priority */
  readonly priorityClassName?: string;
  /** @default none */
  readonly imagePullSecrets?: Named[];
  /** Labels and annotations for the pods. @default none */
  readonly podMetadata?: PodMetadata;
  /** Overrides of the secure pod defaults. @default see PodSecurityContext */
  readonly podSecurityContext?: PodSecurityContext;
  /** Time between SIGTERM and SIGKILL. @default 30 seconds (Kubernetes' default) */
  readonly terminationGracePeriod?: Duration;
  /** The pods' DNS subdomain: with a headless Service of this name, each pod of an Indexed Job is reachable as `<job>-<index>.<subdomain>`. @default none */
  readonly subdomain?: string;
}

const TMP = Volume.fromEmptyDir('tmp');

/** Renders `template` of a JobSpec; problems in the props go to `report`. */
export function renderPodTemplate(
  props: PodTemplateProps,
  podPath: string,
  report: ProblemSink,
): JsonMap {
  const hasShorthand = props.image !== undefined;
  if (hasShorthand && props.containers) {
    report(
      propProblem(
        `${podPath}.containers`,
        'set either image (one container) or containers, not both',
        {
          fix: 'move the image into containers',
        },
      ),
    );
  }
  if (!hasShorthand && (!props.containers || props.containers.length === 0)) {
    report(propProblem(`${podPath}.containers`, 'no container: set image (or containers)'));
  }
  const mainProps: ContainerProps[] = hasShorthand
    ? [
        {
          name: props.containerName,
          image: props.image as string,
          command: props.command,
          args: props.args,
          env: props.env,
          envFrom: props.envFrom,
          resources: props.resources,
          volumes: props.volumes,
          workingDir: props.workingDir,
          imagePullPolicy: props.imagePullPolicy,
          securityContext: props.securityContext,
        },
      ]
    : (props.containers ?? []);

  const init = (props.initContainers ?? []).map((c, i) =>
    renderContainer(c, `${podPath}.initContainers[${i}]`, report),
  );
  const main = mainProps.map((c, i) => renderContainer(c, `${podPath}.containers[${i}]`, report));
  const all = [...init, ...main];
  const volumes = collectVolumes(all, podPath, report);

  const tolerations = [...(props.tolerations ?? []), ...all.flatMap((c) => c.tolerations)];
  const nodeSelector = Object.assign({}, ...all.map((c) => c.nodeSelector), props.nodeSelector);
  const spec: JsonMap = {
    restartPolicy: props.restartPolicy ?? 'Never',
    ...(init.length > 0 ? { initContainers: init.map((c) => c.container) } : {}),
    containers: main.map((c) => c.container),
    ...(volumes.length > 0 ? { volumes } : {}),
    securityContext: podSecurityContext(props.podSecurityContext),
    automountServiceAccountToken: props.automountServiceAccountToken ?? false,
  };
  if (props.serviceAccountName) spec.serviceAccountName = nameOf(props.serviceAccountName);
  if (Object.keys(nodeSelector).length > 0) spec.nodeSelector = nodeSelector;
  if (tolerations.length > 0) spec.tolerations = dedupe(tolerations);
  if (props.affinity) spec.affinity = props.affinity;
  if (props.priorityClassName) spec.priorityClassName = props.priorityClassName;
  if (props.subdomain !== undefined) spec.subdomain = props.subdomain;
  if (props.imagePullSecrets?.length)
    spec.imagePullSecrets = props.imagePullSecrets.map((s) => ({ name: nameOf(s) }));
  if (props.terminationGracePeriod) {
    const seconds = wholeSeconds(
      props.terminationGracePeriod,
      `${podPath}.terminationGracePeriodSeconds`,
      report,
    );
    if (seconds !== undefined) spec.terminationGracePeriodSeconds = seconds;
  }

  const metadata: JsonMap = {};
  if (props.podMetadata?.labels && Object.keys(props.podMetadata.labels).length > 0)
    metadata.labels = { ...props.podMetadata.labels };
  if (props.podMetadata?.annotations && Object.keys(props.podMetadata.annotations).length > 0)
    metadata.annotations = { ...props.podMetadata.annotations };
  return Object.keys(metadata).length > 0 ? { metadata, spec } : { spec };
}

/** Pod volumes from every container's mounts (plus /tmp for read-only roots), each once. */
function collectVolumes(
  containers: RenderedContainer[],
  podPath: string,
  report: ProblemSink,
): JsonMap[] {
  const byName = new Map<string, JsonMap>();
  for (const c of containers) {
    const mounts: VolumeMount[] = [...c.mounts];
    const readOnlyRoot = (c.container.securityContext as JsonMap).readOnlyRootFilesystem === true;
    if (readOnlyRoot && !mounts.some((m) => m.path === '/tmp'))
      mounts.push({ path: '/tmp', volume: TMP });
    for (const mount of mounts) {
      const json = mount.volume.toJson();
      const existing = byName.get(mount.volume.name);
      if (existing && JSON.stringify(existing) !== JSON.stringify(json)) {
        report(
          propProblem(
            `${podPath}.volumes`,
            `two different volumes are named "${mount.volume.name}"`,
            {
              fix: 'give one of them another name with the name option',
            },
          ),
        );
      }
      if (!existing) byName.set(mount.volume.name, json);
    }
    if (mounts.length > 0) c.container.volumeMounts = renderMounts(mounts);
  }
  return [...byName.values()];
}

function dedupe(tolerations: Toleration[]): Toleration[] {
  const seen = new Set<string>();
  return tolerations.filter((t) => {
    const key = JSON.stringify(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The props with `env` added to every main container; the user's own values win. */
export function withEnv(props: PodTemplateProps, env: EnvRecord): PodTemplateProps {
  if (props.containers) {
    return {
      ...props,
      containers: props.containers.map((c) => ({ ...c, env: { ...env, ...c.env } })),
    };
  }
  return { ...props, env: { ...env, ...props.env } };
}
