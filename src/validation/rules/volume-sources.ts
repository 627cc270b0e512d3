/** The common volume sources: emptyDir, hostPath, secret, configMap, nfs, PVC, CSI, image, gitRepo. */
import { Rule } from '../rule';
import { Obj, isObj, str } from '../read';
import { parseQuantity } from '../quantity';
import { dns1123SubdomainProblem } from '../syntax';
import {
  IMAGE_VOLUMES_ON,
  Report,
  blank,
  checkFileMode,
  checkKeyToPaths,
  eachVolume,
  hasBacksteps,
  localDescendingPathProblem,
} from './volume-walk';

const HOST_PATH_TYPES = [
  '',
  'DirectoryOrCreate',
  'Directory',
  'FileOrCreate',
  'File',
  'Socket',
  'CharDevice',
  'BlockDevice',
];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/**
 * validation.go validateVolumeSource and the validators of the common sources:
 * validateHostPathVolumeSource, validateGitRepoVolumeSource, validateSecretVolumeSource,
 * validateConfigMapVolumeSource, validateNFSVolumeSource, validatePersistentClaimVolumeSource,
 * validateCSIVolumeSource, validateImageVolumeSource, and emptyDir's sizeLimit.
 */
export const volumeSource: Rule = {
  id: 'volume-source',
  family: 1,
  scope: 'pod',
  reads: { pod: ['volumes'] },
  summary:
    'secret, configMap, hostPath, nfs, emptyDir, PVC, CSI and image volumes have the fields the API server requires',
  check(ctx) {
    const report: Report = (field, message, options) => ctx.report(field, message, options);
    eachVolume(ctx, ({ path, kind, source }) => {
      const p = `${path}.${kind}`;
      switch (kind) {
        case 'emptyDir': {
          const limit = source.sizeLimit;
          const value =
            typeof limit === 'string' || typeof limit === 'number'
              ? parseQuantity(limit)
              : undefined;
          if (value !== undefined && value < 0)
            report(`${p}.sizeLimit`, 'must not be negative', { value: limit });
          break;
        }
        case 'hostPath':
          checkHostPath(report, source, p);
          break;
        case 'gitRepo': {
          if (blank(source.repository)) report(`${p}.repository`, 'is required');
          const dir = str(source.directory);
          const problem = dir === undefined ? undefined : localDescendingPathProblem(dir);
          if (problem) report(`${p}.directory`, problem, { value: dir });
          break;
        }
        case 'secret':
          if (blank(source.secretName))
            report(`${p}.secretName`, 'is required', { fix: 'name the Secret to mount' });
          checkFileMode(report, `${p}.defaultMode`, source.defaultMode);
          checkKeyToPaths(report, source.items, `${p}.items`);
          break;
        case 'configMap':
          if (blank(source.name))
            report(`${p}.name`, 'is required', { fix: 'name the ConfigMap to mount' });
          checkFileMode(report, `${p}.defaultMode`, source.defaultMode);
          checkKeyToPaths(report, source.items, `${p}.items`);
          break;
        case 'nfs': {
          if (blank(source.server)) report(`${p}.server`, 'is required');
          const nfsPath = source.path;
          if (blank(nfsPath)) report(`${p}.path`, 'is required');
          else if (typeof nfsPath === 'string' && !nfsPath.startsWith('/'))
            report(`${p}.path`, 'must be an absolute path (the export on the NFS server)', {
              value: nfsPath,
            });
          break;
        }
        case 'persistentVolumeClaim':
          if (blank(source.claimName))
            report(`${p}.claimName`, 'is required', {
              fix: 'name the PersistentVolumeClaim to mount',
            });
          break;
        case 'csi':
          checkCsi(report, source, p);
          break;
        case 'image': {
          const policy = str(source.pullPolicy);
          if (policy && !PULL_POLICIES.includes(policy))
            report(`${p}.pullPolicy`, `must be one of ${PULL_POLICIES.join(', ')}`, {
              value: policy,
            });
          break;
        }
        default:
          break;
      }
    });
  },
};

function checkHostPath(report: Report, source: Obj, p: string): void {
  const hostPath = source.path;
  if (blank(hostPath)) {
    report(`${p}.path`, 'is required', { fix: 'give the path on the node' });
    return;
  }
  if (typeof hostPath === 'string' && hasBacksteps(hostPath))
    report(`${p}.path`, "must not contain '..'", { value: hostPath });
  const type = str(source.type);
  if (type !== undefined && !HOST_PATH_TYPES.includes(type))
    report(`${p}.type`, `must be one of ${HOST_PATH_TYPES.slice(1).join(', ')} (or unset)`, {
      value: type,
    });
}

/** validation.go ValidateCSIDriverName and validateCSIVolumeSource. */
function checkCsi(report: Report, source: Obj, p: string): void {
  const driver = source.driver;
  if (blank(driver)) {
    report(`${p}.driver`, 'is required', {
      fix: 'name the CSI driver, e.g. secrets-store.csi.k8s.io',
    });
  } else if (typeof driver === 'string') {
    const problem =
      driver.length > 63
        ? `must be no more than 63 characters (is ${driver.length})`
        : dns1123SubdomainProblem(driver.toLowerCase());
    if (problem) report(`${p}.driver`, problem, { value: driver });
  }
  const secretRef = source.nodePublishSecretRef;
  if (isObj(secretRef)) {
    const name = secretRef.name;
    if (blank(name)) report(`${p}.nodePublishSecretRef.name`, 'is required');
    else if (typeof name === 'string') {
      const problem = dns1123SubdomainProblem(name);
      if (problem) report(`${p}.nodePublishSecretRef.name`, problem, { value: name });
    }
  }
}

/**
 * kubelet's emptyDir plugin: a medium other than "", Memory, HugePages or HugePages-<size>
 * is accepted by the API server, but the kubelet cannot set the volume up and the pod hangs
 * in ContainerCreating.
 */
export const emptyDirMedium: Rule = {
  id: 'volume-empty-dir-medium',
  family: 2,
  scope: 'pod',
  reads: { pod: ['volumes'] },
  summary:
    'emptyDir medium is "", Memory, HugePages or HugePages-<size>; the kubelet fails on others',
  check(ctx) {
    eachVolume(ctx, ({ path, kind, source }) => {
      if (kind !== 'emptyDir') return;
      const medium = str(source.medium);
      if (medium === undefined || medium === '' || medium === 'Memory' || medium === 'HugePages')
        return;
      if (medium.startsWith('HugePages-') && parseQuantity(medium.slice(10)) !== undefined) return;
      ctx.report(
        `${path}.emptyDir.medium`,
        'is not a storage medium the kubelet knows: the volume is never set up and the pod stays in ContainerCreating',
        {
          value: medium,
          fix: 'use "Memory" for a tmpfs, or leave it unset for node disk',
        },
      );
    });
  },
};

/**
 * validation.go validateImageVolumeSource: `reference` may be empty in a pod template (for
 * webhooks to fill), but a pod without it is refused, so the Job controller cannot create any.
 */
export const imageVolumeReference: Rule = {
  id: 'volume-image-reference',
  family: 2,
  scope: 'pod',
  reads: { pod: ['volumes'] },
  since: IMAGE_VOLUMES_ON,
  summary: 'an image volume needs a reference, or the Job controller cannot create its pods',
  check(ctx) {
    eachVolume(ctx, ({ path, kind, source }) => {
      if (kind === 'image' && blank(source.reference))
        ctx.report(
          `${path}.image.reference`,
          'is required: the API server refuses every pod the Job controller creates from this template',
          { fix: 'name the OCI image or artifact to mount, e.g. ghcr.io/acme/model:1.0' },
        );
    });
  },
};
