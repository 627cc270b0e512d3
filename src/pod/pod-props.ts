/**
 * The runtime checks of the pod template's props (see prop-types.ts): which type each prop
 * has, and the names and keys of the Secrets, ConfigMaps and claims it refers to.
 */
import { EnvFrom, EnvValue } from './env';
import { JsonMap } from './k8s-types';
import {
  Check,
  CheckContext,
  Fields,
  INVALID,
  bool,
  describeValue,
  duration,
  instance,
  int,
  isPlainObject,
  json,
  list,
  named,
  oneOf,
  quantity,
  record,
  referencedNameProblem,
  required,
  shape,
  str,
  strList,
  strRecord,
  wrong,
} from './prop-types';
import { Volume } from './volume';

/** Kubernetes' IsConfigMapKey: the keys of Secrets and ConfigMaps. */
export function configMapKeyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string') return `must be a key, got ${describeValue(key)}`;
  if (key === '') return 'must not be empty';
  if (key.length > 253) return `must be no more than 253 characters (is ${key.length})`;
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
    return 'must consist of letters, digits, "-", "_" or "."';
  }
  if (key === '.' || key === '..' || key.startsWith('..')) {
    return 'must not be "." or "..", or start with ".."';
  }
  return undefined;
}

/** Problems with the Secret or ConfigMap a reference names, as one message, or undefined. */
function refProblem(kind: string, ref: JsonMap, keyed: boolean): string | undefined {
  if (typeof ref.name !== 'string') {
    return `the ${kind} name must be a string, got ${describeValue(ref.name)}`;
  }
  const nameProblem = referencedNameProblem(ref.name);
  if (nameProblem) return `${kind} name ${JSON.stringify(ref.name)} ${nameProblem}`;
  if (keyed) {
    if (typeof ref.key !== 'string') {
      return `the ${kind} key must be a string, got ${describeValue(ref.key)}`;
    }
    const keyProblem = configMapKeyProblem(ref.key);
    if (keyProblem) return `${kind} key ${JSON.stringify(ref.key)} ${keyProblem}`;
  }
  if (ref.optional !== undefined && typeof ref.optional !== 'boolean') {
    return `optional must be true or false, got ${describeValue(ref.optional)}`;
  }
  return undefined;
}

/** An env value: a literal string or a reference (Secrets.key, ConfigMaps.key, EnvValue.from...). */
export function envValue(): Check<string | EnvValue> {
  return (value, path, ctx) => {
    if (typeof value === 'string') return value;
    if (!(value instanceof EnvValue)) {
      const fix =
        typeof value === 'number' || typeof value === 'boolean'
          ? `quote it: "${String(value)}" (variables are strings)`
          : "e.g. Secrets.key('openai-credentials', 'api-key')";
      return wrong(
        ctx,
        path,
        `must be a string or a reference such as Secrets.key(...), got ${describeValue(value)}`,
        value,
        fix,
      );
    }
    const from = value.valueFrom;
    let problem: string | undefined;
    if (isPlainObject(from.secretKeyRef)) problem = refProblem('Secret', from.secretKeyRef, true);
    else if (isPlainObject(from.configMapKeyRef)) {
      problem = refProblem('ConfigMap', from.configMapKeyRef, true);
    } else if (isPlainObject(from.fieldRef)) {
      if (typeof from.fieldRef.fieldPath !== 'string' || from.fieldRef.fieldPath === '') {
        problem = `fieldPath must be a field such as "metadata.name", got ${describeValue(from.fieldRef.fieldPath)}`;
      }
    } else if (isPlainObject(from.resourceFieldRef)) {
      const ref = from.resourceFieldRef;
      if (typeof ref.resource !== 'string' || ref.resource === '') {
        problem = `resource must be such as "limits.memory", got ${describeValue(ref.resource)}`;
      } else if (ref.containerName !== undefined && typeof ref.containerName !== 'string') {
        problem = `containerName must be a string, got ${describeValue(ref.containerName)}`;
      } else if (ref.divisor !== undefined && typeof ref.divisor !== 'string') {
        problem = `divisor must be a quantity string, got ${describeValue(ref.divisor)}`;
      }
    }
    return problem ? wrong(ctx, path, problem, undefined) : value;
  };
}

/** An envFrom entry: Secrets.all(...) or ConfigMaps.all(...). */
export function envFromSource(): Check<EnvFrom> {
  const isEnvFrom = instance(
    EnvFrom,
    'Secrets.all(...) or ConfigMaps.all(...)',
    "e.g. envFrom: [Secrets.all('ai-secrets')]",
  );
  return (value, path, ctx) => {
    const checked = isEnvFrom(value, path, ctx);
    if (checked === INVALID) return INVALID;
    const { source } = checked;
    const problem = isPlainObject(source.secretRef)
      ? refProblem('Secret', source.secretRef, false)
      : isPlainObject(source.configMapRef)
        ? refProblem('ConfigMap', source.configMapRef, false)
        : 'names no Secret or ConfigMap';
    if (problem) return wrong(ctx, path, problem, undefined);
    if (source.prefix !== undefined && typeof source.prefix !== 'string') {
      return wrong(
        ctx,
        path,
        `prefix must be a string, got ${describeValue(source.prefix)}`,
        undefined,
      );
    }
    return checked;
  };
}

const VOLUME_FIX = "e.g. Volume.fromPersistentVolumeClaim('agent-data')";

/** A Volume, and the names of the claim, Secret or ConfigMap it refers to. */
export function volume(): Check<Volume> {
  const isVolume = instance(Volume, 'a Volume', VOLUME_FIX);
  return (value, path, ctx) => {
    const checked = isVolume(value, path, ctx);
    if (checked === INVALID) return INVALID;
    const source = checked.toJson();
    const problem = volumeProblem(source);
    return problem ? wrong(ctx, path, problem, undefined) : checked;
  };
}

function volumeProblem(source: JsonMap): string | undefined {
  if (typeof source.name !== 'string' || source.name === '') {
    return `its name must be a non-empty string, got ${describeValue(source.name)}`;
  }
  const optionProblem = (options: JsonMap): string | undefined => {
    if (options.optional !== undefined && typeof options.optional !== 'boolean') {
      return `optional must be true or false, got ${describeValue(options.optional)}`;
    }
    if (options.defaultMode !== undefined && !Number.isInteger(options.defaultMode)) {
      return `defaultMode must be a whole number such as 0o400, got ${describeValue(options.defaultMode)}`;
    }
    return undefined;
  };
  if (isPlainObject(source.persistentVolumeClaim)) {
    const claim = source.persistentVolumeClaim;
    const problem = referencedNameProblem(claim.claimName);
    if (problem) return `names a PersistentVolumeClaim: the name ${problem}`;
    return undefined;
  }
  if (isPlainObject(source.secret)) {
    const problem = referencedNameProblem(source.secret.secretName);
    if (problem) return `names a Secret: the name ${problem}`;
    return optionProblem(source.secret);
  }
  if (isPlainObject(source.configMap)) {
    const problem = referencedNameProblem(source.configMap.name);
    if (problem) return `names a ConfigMap: the name ${problem}`;
    return optionProblem(source.configMap);
  }
  if (isPlainObject(source.emptyDir)) {
    const { medium, sizeLimit } = source.emptyDir;
    if (medium !== undefined && medium !== 'Memory') {
      return `emptyDir medium must be "Memory", got ${describeValue(medium)}`;
    }
    if (sizeLimit !== undefined && typeof sizeLimit !== 'string') {
      return `emptyDir sizeLimit must be a quantity string such as "10Gi", got ${describeValue(sizeLimit)}`;
    }
  }
  return undefined;
}

/** A mount: `{ path: '/data', volume: Volume.fromPersistentVolumeClaim('agent-data') }`. */
export const VOLUME_MOUNT_FIELDS: Fields = {
  path: required(str({ nonEmpty: true }), 'where the volume appears, e.g. "/data"'),
  volume: required(volume(), VOLUME_FIX),
  readOnly: bool(),
  subPath: str(),
};

const GPU_OPTIONS_FIELDS: Fields = {
  count: required(int({ min: 1 }), 'the GPUs per pod'),
  resource: str({ nonEmpty: true }),
  nodeSelector: strRecord(),
  tolerateTaint: bool(),
};

/** GPUs: a whole number of at least 1, or GpuOptions. */
export function gpu(): Check<number | JsonMap> {
  const options = shape<JsonMap>(GPU_OPTIONS_FIELDS, 'GpuOptions ({ count, resource?, ... })');
  return (value, path, ctx: CheckContext) => {
    if (typeof value === 'number') {
      if (Number.isInteger(value) && value >= 1 && value <= 2 ** 31 - 1) return value;
      return wrong(
        ctx,
        path,
        `must be a whole number of GPUs, 1 or more (GPUs are not shared by fractions), got ${value}`,
        value,
      );
    }
    if (isPlainObject(value)) return options(value, path, ctx);
    return wrong(
      ctx,
      path,
      `must be a number of GPUs or GpuOptions, got ${describeValue(value)}`,
      value,
      typeof value === 'string' && /^\d+$/.test(value) ? `write gpu: ${value}` : undefined,
    );
  };
}

const RESOURCE_FIELDS: Fields = {
  requests: record(quantity(), "a resource list such as { cpu: '500m', memory: '1Gi' }"),
  limits: record(quantity(), "a resource list such as { memory: '2Gi' }"),
  gpu: gpu(),
};

const CONTAINER_SECURITY_FIELDS: Fields = {
  allowPrivilegeEscalation: bool(),
  privileged: bool(),
  readOnlyRootFilesystem: bool(),
  capabilities: shape({ add: strList(), drop: strList() }, 'capabilities ({ add?, drop? })'),
  runAsNonRoot: bool(),
  runAsUser: int({ int64: true }),
  runAsGroup: int({ int64: true }),
};

const POD_SECURITY_FIELDS: Fields = {
  runAsNonRoot: bool(),
  runAsUser: int({ int64: true }),
  runAsGroup: int({ int64: true }),
  fsGroup: int({ int64: true }),
  supplementalGroups: list(int({ int64: true }), 'a list of group ids'),
  seccompProfile: shape(
    {
      type: required(oneOf(['RuntimeDefault', 'Localhost', 'Unconfined'] as const)),
      localhostProfile: str(),
    },
    'a seccomp profile ({ type })',
  ),
};

const PULL_POLICY = oneOf(['Always', 'IfNotPresent', 'Never'] as const);

/** The props of one container, shared by `containers[]` and the single-container shorthand. */
const CONTAINER_BODY: Fields = {
  command: strList(),
  args: strList(),
  env: record(envValue(), "a record of variables ({ NAME: 'value' })"),
  envFrom: list(envFromSource(), "a list such as [Secrets.all('ai-secrets')]"),
  resources: shape(RESOURCE_FIELDS, 'resources ({ requests?, limits?, gpu? })'),
  volumes: list(
    shape(VOLUME_MOUNT_FIELDS, 'a mount ({ path, volume })'),
    "a list of mounts such as [{ path: '/data', volume: Volume.fromPersistentVolumeClaim('data') }]",
  ),
  workingDir: str(),
  imagePullPolicy: PULL_POLICY,
  securityContext: shape(CONTAINER_SECURITY_FIELDS, 'a container security context'),
};

/** ContainerProps. */
export const CONTAINER_FIELDS: Fields = {
  name: str(),
  image: required(str(), 'the image, e.g. "python:3.11-slim"'),
  ...CONTAINER_BODY,
};

const TOLERATION_FIELDS: Fields = {
  key: str(),
  operator: oneOf(['Exists', 'Equal'] as const),
  value: str(),
  effect: oneOf(['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const),
  tolerationSeconds: int({ int64: true }),
};

const TOPOLOGY_SPREAD_FIELDS: Fields = {
  maxSkew: required(int()),
  topologyKey: required(str()),
  whenUnsatisfiable: required(oneOf(['DoNotSchedule', 'ScheduleAnyway'] as const)),
  labelSelector: json('a label selector as in the YAML'),
  matchLabelKeys: strList(),
  minDomains: int(),
  nodeAffinityPolicy: oneOf(['Honor', 'Ignore'] as const),
  nodeTaintsPolicy: oneOf(['Honor', 'Ignore'] as const),
};

/** PodTemplateProps. */
export const POD_TEMPLATE_FIELDS: Fields = {
  image: str(),
  containerName: str(),
  ...CONTAINER_BODY,
  gpu: gpu(),
  containers: list(shape(CONTAINER_FIELDS, 'a container ({ image, ... })'), 'a list of containers'),
  initContainers: list(
    shape(CONTAINER_FIELDS, 'a container ({ image, ... })'),
    'a list of containers',
  ),
  restartPolicy: oneOf(['Never', 'OnFailure'] as const),
  serviceAccountName: named('ServiceAccount'),
  automountServiceAccountToken: bool(),
  nodeSelector: strRecord(),
  tolerations: list(
    shape(TOLERATION_FIELDS, 'a toleration ({ key, operator, effect })'),
    'a list of tolerations',
  ),
  affinity: shape(
    { nodeAffinity: json(), podAffinity: json(), podAntiAffinity: json() },
    'an affinity ({ nodeAffinity?, podAffinity?, podAntiAffinity? })',
  ),
  priorityClassName: str(),
  imagePullSecrets: list(named('Secret'), "a list of Secret names such as ['ghcr-pull']"),
  podMetadata: shape(
    { labels: strRecord(), annotations: strRecord() },
    'pod metadata ({ labels?, annotations? })',
  ),
  podSecurityContext: shape(POD_SECURITY_FIELDS, 'a pod security context'),
  terminationGracePeriod: duration(),
  subdomain: str(),
  hostname: str(),
  runtimeClassName: str(),
  topologySpreadConstraints: list(
    shape(TOPOLOGY_SPREAD_FIELDS, 'a topology spread constraint'),
    'a list of topology spread constraints',
  ),
  schedulerName: str(),
  dnsPolicy: oneOf(['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] as const),
  dnsConfig: shape(
    {
      nameservers: strList(),
      searches: strList(),
      options: list(
        shape({ name: required(str()), value: str() }, 'a DNS option ({ name, value? })'),
      ),
    },
    'a DNS config ({ nameservers?, searches?, options? })',
  ),
  hostAliases: list(
    shape({ ip: required(str()), hostnames: strList() }, 'a host alias ({ ip, hostnames })'),
  ),
  enableServiceLinks: bool(),
  shareProcessNamespace: bool(),
  schedulingGates: strList(),
  setHostnameAsFQDN: bool(),
  os: oneOf(['linux', 'windows'] as const),
  hostUsers: bool(),
  resourceClaims: list(
    shape(
      { name: required(str()), resourceClaimName: str(), resourceClaimTemplateName: str() },
      'a pod resource claim ({ name, resourceClaimName | resourceClaimTemplateName })',
    ),
  ),
  cacheDirs: bool(),
};
