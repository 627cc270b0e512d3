import { Duration } from 'cdk8s';
import {
  Affinity,
  ContainerSecurityContext,
  HostAlias,
  JsonMap,
  Named,
  PodDnsConfig,
  PodResourceClaim,
  PodSecurityContext,
  Toleration,
  TopologySpreadConstraint,
  nameOf,
} from './k8s-types';
import { ContainerProps, RenderedContainer, renderContainer, renderMounts } from './container';
import { EnvFrom, EnvRecord } from './env';
import { GpuOptions, Resources } from './resources';
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
  /** The pods' hostname; every pod gets the same one, so leave it unset for an Indexed Job (its pods are `<job>-<index>`). @default the pod's name, or `<job>-<index>` in an Indexed Job */
  readonly hostname?: string;
  /** GPUs of the single container, shorthand for `resources.gpu`: requests = limits, the GPU taint toleration, an optional node selector. @default none */
  readonly gpu?: number | GpuOptions;
  /** The RuntimeClass the pods run with, e.g. `nvidia` or `gvisor`. @default the cluster's default runtime */
  readonly runtimeClassName?: string;
  /** How the pods spread over zones or nodes. @default none */
  readonly topologySpreadConstraints?: TopologySpreadConstraint[];
  /** The scheduler that places the pods, e.g. a gang scheduler. @default the default scheduler */
  readonly schedulerName?: string;
  /** @default 'ClusterFirst' (Kubernetes' default) */
  readonly dnsPolicy?: 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';
  /** Name servers, search domains and resolver options added to the pods' resolv.conf. @default none */
  readonly dnsConfig?: PodDnsConfig;
  /** Extra /etc/hosts entries of the pods. @default none */
  readonly hostAliases?: HostAlias[];
  /** Variables for every Service of the namespace (`<SVC>_SERVICE_HOST`, ...). @default true (Kubernetes' default) */
  readonly enableServiceLinks?: boolean;
  /** One process namespace for all containers of a pod. @default false */
  readonly shareProcessNamespace?: boolean;
  /** Scheduling gates (names) that hold the pods until a controller removes them. @default none */
  readonly schedulingGates?: string[];
  /** The pods' hostname is their fully qualified domain name. @default false */
  readonly setHostnameAsFQDN?: boolean;
  /** The operating system the pods need. @default not set */
  readonly os?: 'linux' | 'windows';
  /** `false` runs the pods in a user namespace (Kubernetes 1.33+ by default). @default true (the host's) */
  readonly hostUsers?: boolean;
  /** Dynamic Resource Allocation claims of the pods (`[{ name, resourceClaimTemplateName }]`). @default none */
  readonly resourceClaims?: PodResourceClaim[];
  /** Set HOME=/tmp and the cache variables XDG_CACHE_HOME, PIP_CACHE_DIR, HF_HOME and TORCH_HOME under /tmp/.cache in every container (a variable in `env` wins). @default true */
  readonly cacheDirs?: boolean;
}

const TMP = Volume.fromEmptyDir('tmp');

/**
 * Renders `template` of a JobSpec from checked props; problems found here go to `report`.
 * @internal
 */
export function renderPodTemplate(
  props: PodTemplateProps,
  report: ProblemSink,
  labels: Readonly<Record<string, string>> = {},
): JsonMap {
  const hasShorthand = props.image !== undefined;
  if (hasShorthand && props.containers) {
    report(
      propProblem('containers', 'set either image (one container) or containers, not both', {
        fix: 'move the image into containers',
      }),
    );
  }
  if (props.gpu !== undefined && props.containers && !hasShorthand) {
    report(
      propProblem('gpu', 'applies to the single container of image, and containers is set', {
        value: typeof props.gpu === 'number' ? props.gpu : undefined,
        fix: 'set resources.gpu on the container that needs the GPUs',
      }),
    );
  }
  const resources = shorthandResources(props, report);
  const mainProps: ContainerProps[] = hasShorthand
    ? [
        {
          name: props.containerName,
          image: props.image as string,
          command: props.command,
          args: props.args,
          env: props.env,
          envFrom: props.envFrom,
          resources,
          volumes: props.volumes,
          workingDir: props.workingDir,
          imagePullPolicy: props.imagePullPolicy,
          securityContext: props.securityContext,
        },
      ]
    : (props.containers ?? []);

  const options = { cacheDirs: props.cacheDirs !== false };
  const init = (props.initContainers ?? []).map((c, i) =>
    renderContainer(c, `initContainers[${i}].`, report, options),
  );
  const main = mainProps.map((c, i) =>
    renderContainer(c, hasShorthand ? '' : `containers[${i}].`, report, options),
  );
  const all = [...init, ...main];
  const volumes = collectVolumes(all, report);

  // Plain statements rather than spreads: this runs once per workload, mostly on cold code.
  const tolerations: Toleration[] = props.tolerations ? [...props.tolerations] : [];
  const nodeSelector: Record<string, string> = {};
  for (const c of all) {
    for (const t of c.tolerations) tolerations.push(t);
    Object.assign(nodeSelector, c.nodeSelector);
  }
  if (props.nodeSelector) Object.assign(nodeSelector, props.nodeSelector);
  const spec: JsonMap = { restartPolicy: props.restartPolicy ?? 'Never' };
  if (init.length > 0) spec.initContainers = init.map((c) => c.container);
  spec.containers = main.map((c) => c.container);
  if (volumes.length > 0) spec.volumes = volumes;
  spec.securityContext = podSecurityContext(props.podSecurityContext);
  spec.automountServiceAccountToken = props.automountServiceAccountToken ?? false;
  if (props.serviceAccountName) spec.serviceAccountName = nameOf(props.serviceAccountName);
  if (Object.keys(nodeSelector).length > 0) spec.nodeSelector = nodeSelector;
  if (tolerations.length > 0) spec.tolerations = dedupe(tolerations);
  if (props.affinity) spec.affinity = props.affinity;
  if (props.priorityClassName) spec.priorityClassName = props.priorityClassName;
  if (props.subdomain !== undefined) spec.subdomain = props.subdomain;
  if (props.hostname !== undefined) spec.hostname = props.hostname;
  if (props.imagePullSecrets?.length)
    spec.imagePullSecrets = props.imagePullSecrets.map((s) => ({ name: nameOf(s) }));
  if (props.terminationGracePeriod) {
    const seconds = wholeSeconds(props.terminationGracePeriod, 'terminationGracePeriod', report);
    if (seconds !== undefined) spec.terminationGracePeriodSeconds = seconds;
  }
  const set = (key: string, value: unknown) => {
    if (value !== undefined) spec[key] = value;
  };
  set('runtimeClassName', props.runtimeClassName);
  set(
    'topologySpreadConstraints',
    props.topologySpreadConstraints?.map((c) => ({ ...c })),
  );
  set('schedulerName', props.schedulerName);
  set('dnsPolicy', props.dnsPolicy);
  set('dnsConfig', props.dnsConfig);
  set('hostAliases', props.hostAliases);
  set('enableServiceLinks', props.enableServiceLinks);
  set('shareProcessNamespace', props.shareProcessNamespace);
  set(
    'schedulingGates',
    props.schedulingGates?.map((name) => ({ name })),
  );
  set('setHostnameAsFQDN', props.setHostnameAsFQDN);
  set('os', props.os === undefined ? undefined : { name: props.os });
  set('hostUsers', props.hostUsers);
  set(
    'resourceClaims',
    props.resourceClaims?.map((c) => ({ ...c })),
  );

  const metadata: JsonMap = {};
  const podLabels = { ...labels, ...props.podMetadata?.labels };
  if (Object.keys(podLabels).length > 0) metadata.labels = podLabels;
  if (props.podMetadata?.annotations && Object.keys(props.podMetadata.annotations).length > 0)
    metadata.annotations = { ...props.podMetadata.annotations };
  return Object.keys(metadata).length > 0 ? { metadata, spec } : { spec };
}

/** The single container's resources with the `gpu` shorthand merged in; both must agree. */
function shorthandResources(props: PodTemplateProps, report: ProblemSink): Resources | undefined {
  if (props.gpu === undefined) return props.resources;
  const inner = props.resources?.gpu;
  if (inner !== undefined && JSON.stringify(inner) !== JSON.stringify(props.gpu)) {
    report(
      propProblem('gpu', `and resources.gpu (${JSON.stringify(inner)}) disagree`, {
        value: typeof props.gpu === 'number' ? props.gpu : undefined,
        fix: 'give the GPUs in one place',
      }),
    );
  }
  return { ...props.resources, gpu: props.gpu };
}

/** Pod volumes from every container's mounts (plus /tmp for read-only roots), each once. */
function collectVolumes(containers: RenderedContainer[], report: ProblemSink): JsonMap[] {
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
          propProblem('volumes', `two different volumes are named "${mount.volume.name}"`, {
            fix: 'give one of them another name with the name option',
          }),
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

/**
 * The props with `env` added to every main container, first, and with its values: a user's
 * variable of the same name is reported by the construct (see contractProblems).
 */
export function withEnv(props: PodTemplateProps, env: EnvRecord): PodTemplateProps {
  if (props.containers) {
    return {
      ...props,
      containers: props.containers.map((c) => ({ ...c, env: { ...env, ...c.env, ...env } })),
    };
  }
  return { ...props, env: { ...env, ...props.env, ...env } };
}
