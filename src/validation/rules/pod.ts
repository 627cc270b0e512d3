import { Rule } from '../rule';
import { eachContainer, effective, effectivePath } from './pod-walk';
import { bool, int, isObj, obj, objs, str } from '../read';
import { dns1123LabelProblem } from '../syntax';
import { parseQuantity, quantityProblem } from '../quantity';
import { serves } from '../versions';

export const containers: Rule = {
  id: 'pod-containers',
  family: 1,
  scope: 'pod',
  summary: 'a pod has at least one container; names are unique DNS-1123 labels; each has an image',
  check(ctx) {
    if (objs(ctx.podSpec.containers).length === 0) {
      ctx.report(`${ctx.podPath}.containers`, 'must have at least one container');
    }
    const seen = new Set<string>();
    eachContainer(ctx, (c, path) => {
      const name = c.name;
      if (typeof name !== 'string' || name === '') {
        ctx.report(`${path}.name`, 'is required');
      } else {
        const problem = dns1123LabelProblem(name);
        if (problem) ctx.report(`${path}.name`, problem, { value: name });
        if (seen.has(name))
          ctx.report(`${path}.name`, 'is used by another container of the pod', { value: name });
        seen.add(name);
      }
      const image = c.image;
      if (typeof image !== 'string' || image.trim() === '') {
        ctx.report(`${path}.image`, 'is required');
      } else if (image.trim() !== image) {
        ctx.report(`${path}.image`, 'must not have leading or trailing whitespace', {
          value: image,
        });
      }
    });
  },
};

const CLASSIC_ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const RELAXED_ENV_NAME = /^[\x20-\x3c\x3e-\x7e]+$/;

export const envVars: Rule = {
  id: 'env-vars',
  family: 1,
  scope: 'pod',
  summary:
    'env names are valid for the target version; each has a value or exactly one valueFrom source',
  check(ctx) {
    const relaxed = serves(ctx.targetVersion, '1.34');
    eachContainer(ctx, (c, cPath) => {
      objs(c.env).forEach((env, i) => {
        const path = `${cPath}.env[${i}]`;
        const name = str(env.name);
        if (name === undefined || name === '') {
          ctx.report(`${path}.name`, 'is required');
        } else if (relaxed ? !RELAXED_ENV_NAME.test(name) : !CLASSIC_ENV_NAME.test(name)) {
          ctx.report(
            `${path}.name`,
            relaxed
              ? 'must be printable ASCII characters other than "="'
              : 'must consist of letters, digits, "_", "-" or ".", and must not start with a digit',
            {
              value: name,
              fix: relaxed
                ? undefined
                : 'use a name like MY_VAR (other names need Kubernetes 1.34)',
            },
          );
        }
        if (env.value !== undefined && typeof env.value !== 'string') {
          ctx.report(`${path}.value`, 'must be a string', {
            value: env.value,
            fix: 'quote the value',
          });
        }
        const from = obj(env.valueFrom);
        if (env.valueFrom === undefined) return;
        if (env.value !== undefined && env.value !== '') {
          ctx.report(`${path}.valueFrom`, 'may not be set together with a non-empty value');
        }
        const sources = [
          'fieldRef',
          'resourceFieldRef',
          'configMapKeyRef',
          'secretKeyRef',
          'fileKeyRef',
        ].filter((k) => from?.[k] !== undefined);
        if (sources.length !== 1) {
          ctx.report(
            `${path}.valueFrom`,
            'must set exactly one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef',
          );
          return;
        }
        const ref = obj(from?.[sources[0]]) ?? {};
        if (sources[0] === 'secretKeyRef' || sources[0] === 'configMapKeyRef') {
          if (!str(ref.key)) ctx.report(`${path}.valueFrom.${sources[0]}.key`, 'is required');
          if (!str(ref.name)) ctx.report(`${path}.valueFrom.${sources[0]}.name`, 'is required');
        }
        if (sources[0] === 'fieldRef' && !str(ref.fieldPath)) {
          ctx.report(`${path}.valueFrom.fieldRef.fieldPath`, 'is required');
        }
        if (sources[0] === 'resourceFieldRef' && !str(ref.resource)) {
          ctx.report(`${path}.valueFrom.resourceFieldRef.resource`, 'is required');
        }
      });
    });
  },
};

const VOLUME_SOURCES = [
  'persistentVolumeClaim',
  'emptyDir',
  'configMap',
  'secret',
  'downwardAPI',
  'projected',
  'csi',
  'ephemeral',
  'hostPath',
  'nfs',
  'image',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'fc',
  'flexVolume',
  'flocker',
  'gitRepo',
  'glusterfs',
  'iscsi',
  'photonPersistentDisk',
  'portworxVolume',
  'quobyte',
  'rbd',
  'scaleIO',
  'storageos',
  'vsphereVolume',
];

export const volumes: Rule = {
  id: 'pod-volumes',
  family: 1,
  scope: 'pod',
  summary:
    'volumes have unique DNS-1123 names and one source; every mount names a volume and a unique path',
  check(ctx) {
    const names = new Set<string>();
    objs(ctx.podSpec.volumes).forEach((v, i) => {
      const path = `${ctx.podPath}.volumes[${i}]`;
      const name = str(v.name) ?? '';
      const problem = name === '' ? 'is required' : dns1123LabelProblem(name);
      if (problem) ctx.report(`${path}.name`, problem, { value: v.name });
      if (names.has(name))
        ctx.report(`${path}.name`, 'is used by another volume of the pod', { value: name });
      names.add(name);
      const sources = VOLUME_SOURCES.filter((k) => v[k] !== undefined);
      if (sources.length !== 1)
        ctx.report(path, `must have exactly one source (has ${sources.length})`);
      const claim = obj(v.persistentVolumeClaim);
      if (claim && !str(claim.claimName))
        ctx.report(`${path}.persistentVolumeClaim.claimName`, 'is required');
    });
    eachContainer(ctx, (c, cPath) => {
      const paths = new Set<string>();
      objs(c.volumeMounts).forEach((m, i) => {
        const path = `${cPath}.volumeMounts[${i}]`;
        const name = str(m.name);
        if (name === undefined || !names.has(name)) {
          ctx.report(`${path}.name`, 'must name a volume of the pod', {
            value: m.name,
            fix:
              names.size > 0 ? `use one of: ${[...names].join(', ')}` : 'add the volume to the pod',
          });
        }
        const mountPath = str(m.mountPath);
        if (!mountPath) {
          ctx.report(`${path}.mountPath`, 'is required');
        } else {
          if (paths.has(mountPath))
            ctx.report(`${path}.mountPath`, 'is mounted twice in this container', {
              value: mountPath,
            });
          paths.add(mountPath);
        }
      });
    });
  },
};

const NATIVE = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** Extended resources (e.g. nvidia.com/gpu) cannot be overcommitted. */
function overcommitAllowed(resource: string): boolean {
  if (resource.startsWith('hugepages-')) return false;
  return NATIVE.has(resource) || !resource.includes('/') || resource.startsWith('kubernetes.io/');
}

export const resources: Rule = {
  id: 'pod-resources',
  family: 1,
  scope: 'pod',
  summary:
    'requests and limits are quantities, requests <= limits, extended resources have requests == limits',
  check(ctx) {
    eachContainer(ctx, (c, cPath) => {
      const res = obj(c.resources);
      if (!res) return;
      const requests = obj(res.requests) ?? {};
      const limits = obj(res.limits) ?? {};
      for (const [kind, list] of [
        ['requests', requests],
        ['limits', limits],
      ] as const) {
        for (const [resource, value] of Object.entries(list)) {
          const problem = quantityProblem(value);
          if (problem) ctx.report(`${cPath}.resources.${kind}.${resource}`, problem, { value });
        }
      }
      for (const [resource, value] of Object.entries(requests)) {
        const request = parseQuantity(value as string);
        const limitRaw = limits[resource];
        const limit = limitRaw === undefined ? undefined : parseQuantity(limitRaw as string);
        const path = `${cPath}.resources.requests.${resource}`;
        if (!overcommitAllowed(resource)) {
          if (limitRaw === undefined) {
            ctx.report(
              path,
              `${resource} is an extended resource: a request needs an equal limit`,
              {
                value,
                fix: `set resources.limits.${resource} to ${JSON.stringify(value)}`,
              },
            );
          } else if (request !== undefined && limit !== undefined && request !== limit) {
            ctx.report(
              path,
              `${resource} is an extended resource: requests must equal limits (${JSON.stringify(limitRaw)})`,
              { value },
            );
          }
        } else if (request !== undefined && limit !== undefined && request > limit) {
          ctx.report(
            path,
            `must be less than or equal to the ${resource} limit (${JSON.stringify(limitRaw)})`,
            { value },
          );
        }
      }
    });
  },
};

/** Images whose runtime writes temp files (tempfile, pip, npm caches) under /tmp. */
const INTERPRETER_IMAGE =
  /(^|\/)(python|pypy|node|ruby|php|perl|openjdk|eclipse-temurin|amazoncorretto|r-base|julia|pytorch|tensorflow)(:|@|$)/;

export const readOnlyRootNeedsTmp: Rule = {
  id: 'read-only-root-tmp',
  family: 2,
  scope: 'pod',
  summary: 'a read-only root filesystem without a writable /tmp breaks interpreter images',
  check(ctx) {
    eachContainer(ctx, (c, cPath) => {
      if (bool(effective(ctx, c, 'readOnlyRootFilesystem')) !== true) return;
      const image = typeof c.image === 'string' ? c.image : '';
      if (!INTERPRETER_IMAGE.test(image.split(/[:@]/)[0] + ':')) return;
      const mounts = Array.isArray(c.volumeMounts) ? c.volumeMounts : [];
      if (mounts.some((m) => obj(m)?.mountPath === '/tmp' && obj(m)?.readOnly !== true)) return;
      ctx.report(
        `${cPath}.volumeMounts`,
        `has no writable /tmp while the root filesystem is read-only: ${image} writes temp files there and fails`,
        { fix: 'mount an emptyDir volume at /tmp (the constructs do this by default)' },
      );
    });
  },
};

export const runAsNonRootNeedsUser: Rule = {
  id: 'run-as-non-root-user',
  family: 2,
  scope: 'pod',
  summary: 'runAsNonRoot without a non-zero runAsUser fails at start for images that run as root',
  check(ctx) {
    eachContainer(ctx, (c, cPath) => {
      if (bool(effective(ctx, c, 'runAsNonRoot')) !== true) return;
      const user = int(effective(ctx, c, 'runAsUser'));
      if (user === undefined) {
        ctx.report(
          `${cPath}.securityContext.runAsUser`,
          'is unset while runAsNonRoot is true: images that run as root (python, busybox) fail with CreateContainerConfigError',
          {
            fix: 'set runAsUser to a non-zero uid, e.g. 65532',
          },
        );
      } else if (user === 0) {
        ctx.report(
          effectivePath(ctx, c, cPath, 'runAsUser'),
          'is 0 while runAsNonRoot is true: the kubelet refuses to start the container',
          {
            value: 0,
            fix: 'set runAsUser to a non-zero uid',
          },
        );
      }
    });
  },
};

export const podSpecShape: Rule = {
  id: 'pod-spec',
  family: 1,
  scope: 'pod',
  summary: 'the job has a pod template with a spec',
  check(ctx) {
    const template = obj(ctx.jobSpec.template);
    if (!template || !isObj(template.spec)) {
      ctx.report(`${ctx.specPath}.template.spec`, 'is required');
    }
  },
};
