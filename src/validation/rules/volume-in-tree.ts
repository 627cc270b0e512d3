/** The in-tree (legacy) volume plugins: only the checks the API server makes on them. */
import { Rule } from '../rule';
import { Obj, arr, int, isObj, str } from '../read';
import { dns1123LabelProblem } from '../syntax';
import { Report, blank, eachVolume } from './volume-walk';

const IQN = /iqn\.\d{4}-\d{2}\.([A-Za-z0-9\-.]+)(:[^,;*&$|\t\n\f\r ]+)$/;
const EUI = /^eui.[A-Za-z0-9]{16}$/;
const NAA = /^naa.[A-Za-z0-9]{32}$/;

function required(report: Report, source: Obj, p: string, ...keys: string[]): void {
  for (const key of keys) if (blank(source[key])) report(`${p}.${key}`, 'is required');
}

function nonEmptyList(report: Report, source: Obj, p: string, key: string): void {
  if (arr(source[key]).length === 0 && !(source[key] !== undefined && !Array.isArray(source[key])))
    report(`${p}.${key}`, 'is required: list at least one');
}

function inRange(report: Report, source: Obj, p: string, key: string, min: number): void {
  const n = int(source[key]);
  if (n !== undefined && (n < min || n > 255))
    report(`${p}.${key}`, `must be between ${min} and 255`, { value: n });
}

/** validation.go: an iSCSI qualified name (iqn., eui. or naa.). */
function iscsiNameProblem(name: string): string | undefined {
  if (!name.startsWith('iqn') && !name.startsWith('eui') && !name.startsWith('naa'))
    return 'must start with iqn, eui or naa';
  if (name.startsWith('iqn') && !IQN.test(name))
    return 'is not a valid iqn name (iqn.YYYY-MM.domain:name)';
  if (name.startsWith('eui') && !EUI.test(name))
    return 'is not a valid eui name (eui. and 16 alphanumerics)';
  if (name.startsWith('naa') && !NAA.test(name))
    return 'is not a valid naa name (naa. and 32 alphanumerics)';
  return undefined;
}

/** Go's net.SplitHostPort succeeds: `host:port` or `[ipv6]:port`. */
function isHostPort(pair: string): boolean {
  if (pair.startsWith('[')) return /^\[[^\]]*\]:[^:\]]*$/.test(pair);
  return pair.split(':').length === 2;
}

function checkIscsi(
  report: Report,
  source: Obj,
  p: string,
  volumePath: string,
  volName: string | undefined,
): void {
  required(report, source, p, 'targetPortal');
  const iqn = source.iqn;
  if (blank(iqn)) report(`${p}.iqn`, 'is required');
  else if (typeof iqn === 'string') {
    const problem = iscsiNameProblem(iqn);
    if (problem) report(`${p}.iqn`, problem, { value: iqn });
  }
  const lun = int(source.lun);
  if (lun !== undefined && (lun < 0 || lun > 255))
    report(`${p}.lun`, 'must be between 0 and 255', { value: lun });
  if (
    (source.discoveryCHAPAuth === true || source.sessionCHAPAuth === true) &&
    !isObj(source.secretRef)
  )
    report(`${p}.secretRef`, 'is required with CHAP authentication');
  const initiator = str(source.initiatorName);
  if (initiator !== undefined) {
    const problem = iscsiNameProblem(initiator);
    if (problem) report(`${p}.initiatorName`, problem, { value: initiator });
    const portal = str(source.targetPortal) ?? '';
    if (volName !== undefined && `${volName}:${portal}`.length > 64)
      report(
        `${volumePath}.name`,
        'and iscsi.targetPortal must be under 64 characters together (name:portal) when iscsi.initiatorName is set',
        { value: volName },
      );
  }
}

function checkAzureDisk(report: Report, source: Obj, p: string): void {
  required(report, source, p, 'diskName');
  const uri = source.diskURI;
  if (blank(uri)) report(`${p}.diskURI`, 'is required');
  const caching = str(source.cachingMode);
  if (caching !== undefined && !['None', 'ReadOnly', 'ReadWrite'].includes(caching))
    report(`${p}.cachingMode`, 'must be None, ReadOnly or ReadWrite', { value: caching });
  const kind = str(source.kind);
  if (kind !== undefined && !['Shared', 'Dedicated', 'Managed'].includes(kind)) {
    report(`${p}.kind`, 'must be Shared, Dedicated or Managed', { value: kind });
    return;
  }
  if (typeof uri !== 'string' || uri === '') return;
  // The server defaults kind to Shared.
  if ((kind ?? 'Shared') === 'Managed') {
    if (!uri.startsWith('/subscriptions/'))
      report(
        `${p}.diskURI`,
        'must be /subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id} for a Managed disk',
        { value: uri },
      );
  } else if (!uri.startsWith('https://')) {
    report(
      `${p}.diskURI`,
      `must be https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd for a ${kind ?? 'Shared (the default)'} disk`,
      { value: uri },
    );
  }
}

/**
 * validation.go validateVolumeSource for the in-tree plugins: validateGCEPersistentDiskVolumeSource,
 * validateAWSElasticBlockStoreVolumeSource, validateISCSIVolumeSource, validateGlusterfsVolumeSource,
 * validateFlockerVolumeSource, validateRBDVolumeSource, validateCinderVolumeSource,
 * validateCephFSVolumeSource, validateQuobyteVolumeSource, validateFCVolumeSource,
 * validateFlexVolumeSource, validateAzureFile, validateVsphereVolumeSource,
 * validatePhotonPersistentDiskVolumeSource, validatePortworxVolumeSource, validateAzureDisk,
 * validateStorageOSVolumeSource, validateScaleIOVolumeSource.
 */
export const inTreeVolumeSource: Rule = {
  id: 'volume-source-in-tree',
  family: 1,
  scope: 'pod',
  reads: { pod: ['volumes'] },
  summary:
    'in-tree volume plugins (iscsi, rbd, nfs-like, cloud disks, ...) have their required fields',
  check(ctx) {
    const report: Report = (field, message, options) => ctx.report(field, message, options);
    eachVolume(ctx, ({ path, name, kind, source }) => {
      const p = `${path}.${kind}`;
      switch (kind) {
        case 'gcePersistentDisk':
          required(report, source, p, 'pdName');
          inRange(report, source, p, 'partition', 0);
          break;
        case 'awsElasticBlockStore':
          required(report, source, p, 'volumeID');
          inRange(report, source, p, 'partition', 0);
          break;
        case 'iscsi':
          checkIscsi(report, source, p, path, name);
          break;
        case 'glusterfs':
          required(report, source, p, 'endpoints', 'path');
          break;
        case 'flocker': {
          const named = !blank(source.datasetName);
          const uuid = !blank(source.datasetUUID);
          if (!named && !uuid) report(p, 'needs datasetName or datasetUUID');
          if (named && uuid) report(p, 'cannot have both datasetName and datasetUUID');
          const dataset = str(source.datasetName);
          if (dataset?.includes('/'))
            report(`${p}.datasetName`, "must not contain '/'", { value: dataset });
          break;
        }
        case 'rbd':
          nonEmptyList(report, source, p, 'monitors');
          required(report, source, p, 'image');
          break;
        case 'cinder':
          required(report, source, p, 'volumeID');
          if (isObj(source.secretRef)) required(report, source.secretRef, `${p}.secretRef`, 'name');
          break;
        case 'cephfs':
          nonEmptyList(report, source, p, 'monitors');
          break;
        case 'quobyte': {
          const registry = source.registry;
          const tenant = str(source.tenant) ?? '';
          if (blank(registry))
            report(`${p}.registry`, 'is required: host:port pairs separated by commas');
          else if (tenant.length >= 65)
            report(`${p}.tenant`, 'must be a UUID of at most 64 characters', { value: tenant });
          else if (typeof registry === 'string' && !registry.split(',').every(isHostPort))
            report(`${p}.registry`, 'must be host:port pairs separated by commas', {
              value: registry,
            });
          required(report, source, p, 'volume');
          break;
        }
        case 'fc': {
          const wwns = arr(source.targetWWNs).length;
          const wwids = arr(source.wwids).length;
          if (wwns === 0 && wwids === 0)
            report(`${p}.targetWWNs`, 'is required: set targetWWNs or wwids');
          if (wwns > 0 && wwids > 0) report(`${p}.targetWWNs`, 'cannot be set together with wwids');
          if (wwns > 0 && (source.lun === undefined || source.lun === null))
            report(`${p}.lun`, 'is required with targetWWNs');
          else if (wwns > 0) inRange(report, source, p, 'lun', 0);
          break;
        }
        case 'flexVolume': {
          required(report, source, p, 'driver');
          const options = source.options;
          if (isObj(options))
            for (const key of Object.keys(options)) {
              const slash = key.indexOf('/');
              const ns = `.${(slash >= 0 ? key.slice(0, slash) : key).toLowerCase()}`;
              if (ns.endsWith('.kubernetes.io') || ns.endsWith('.k8s.io'))
                report(
                  `${p}.options`,
                  `key ${JSON.stringify(key)} uses a reserved namespace (kubernetes.io, k8s.io)`,
                  { value: key },
                );
            }
          break;
        }
        case 'azureFile':
          required(report, source, p, 'secretName', 'shareName');
          break;
        case 'vsphereVolume':
          required(report, source, p, 'volumePath');
          break;
        case 'photonPersistentDisk':
          required(report, source, p, 'pdID');
          break;
        case 'portworxVolume':
          required(report, source, p, 'volumeID');
          break;
        case 'azureDisk':
          checkAzureDisk(report, source, p);
          break;
        case 'scaleIO':
          required(report, source, p, 'gateway', 'system', 'volumeName');
          break;
        case 'storageos': {
          const volumeName = source.volumeName;
          if (blank(volumeName)) report(`${p}.volumeName`, 'is required');
          for (const key of ['volumeName', 'volumeNamespace']) {
            const value = str(source[key]);
            const problem = value ? dns1123LabelProblem(value) : undefined;
            if (problem) report(`${p}.${key}`, problem, { value });
          }
          if (isObj(source.secretRef)) required(report, source.secretRef, `${p}.secretRef`, 'name');
          break;
        }
        default:
          break;
      }
    });
  },
};
