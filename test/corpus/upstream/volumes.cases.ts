/**
 * Volumes and volume mounts: upstream's TestValidateVolumes, TestValidateKeyToPath,
 * TestValidateNFSVolumeSource, TestValidateGlusterfs, TestValidateCSIVolumeSource,
 * TestValidateEphemeralVolume, TestValidateVolumeMounts, TestValidateSubpathMutuallyExclusive,
 * TestValidateDisabledSubpathExpr, TestValidateMountPropagation and
 * TestAlphaValidateVolumeDevices (pkg/apis/core/validation/validation_test.go), as Job manifests.
 *
 * Left out: the image-volume subPath cases (allowed again since 1.33), the `nil container`
 * propagation case (a pod always has its container), the PersistentVolume-only cases.
 */
import { UpstreamCase } from './case';

const P = 'spec.template.spec';
const V = `${P}.volumes[0]`;
const C = `${P}.containers[0]`;

type Case = Omit<UpstreamCase, 'from' | 'verdict' | 'field' | 'pod'> & { pod?: object };

/** One volume named `name` with the given source. */
function volume(source: object, name = 'v'): { pod: object } {
  return { pod: { volumes: [{ name, ...source }] } };
}

function accept(from: string, c: Case): UpstreamCase {
  return { from, verdict: 'accept', ...c };
}

function reject(from: string, field: string, c: Case): UpstreamCase {
  return { from, verdict: 'reject', field, ...c };
}

// ---------------------------------------------------------------- TestValidateVolumes
const TV = 'TestValidateVolumes';
const hostDir = { hostPath: { path: '/mnt/path', type: 'Directory' } };
const iscsi = (extra: object) => ({
  iscsi: {
    targetPortal: '127.0.0.1',
    iqn: 'iqn.2015-02.example.com:test',
    lun: 1,
    fsType: 'ext4',
    ...extra,
  },
});
const labelsFile = (extra: object) => ({
  downwardAPI: {
    items: [
      { path: 'path', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' }, ...extra },
    ],
  },
});
const quobyte = (extra: object) => ({ quobyte: { tenant: 'ThisIsSomeTenantUUID', ...extra } });

const testValidateVolumes: UpstreamCase[] = [
  accept(`${TV}/valid alpha name`, volume({ emptyDir: {} }, 'empty')),
  accept(`${TV}/valid num name`, volume({ emptyDir: {} }, '123')),
  accept(`${TV}/valid alphanum name`, volume({ emptyDir: {} }, 'empty-123')),
  accept(`${TV}/valid numalpha name`, volume({ emptyDir: {} }, '123-empty')),
  reject(`${TV}/zero-length name`, `${V}.name`, volume({ emptyDir: {} }, '')),
  reject(`${TV}/name > 63 characters`, `${V}.name`, volume({ emptyDir: {} }, 'a'.repeat(64))),
  reject(`${TV}/name has dots`, `${V}.name`, volume({ emptyDir: {} }, 'a.b.c')),
  reject(`${TV}/name not a DNS label`, `${V}.name`, volume({ emptyDir: {} }, 'Not a DNS label!')),
  reject(
    `${TV}/more than one source`,
    `${V}.hostPath`,
    volume({ emptyDir: {}, ...hostDir }, 'dups'),
  ),
  accept(`${TV}/default HostPath`, volume(hostDir, 'hostpath')),
  accept(
    `${TV}/valid HostPath`,
    volume({ hostPath: { path: '/mnt/path', type: 'Socket' } }, 'hostpath'),
  ),
  reject(
    `${TV}/invalid HostPath`,
    `${V}.hostPath.type`,
    volume({ hostPath: { path: '/mnt/path', type: 'invalid' } }),
  ),
  reject(
    `${TV}/invalid HostPath backsteps`,
    `${V}.hostPath.path`,
    volume({ hostPath: { path: '/mnt/path/..', type: 'Directory' } }),
  ),
  accept(
    `${TV}/valid GcePersistentDisk`,
    volume({ gcePersistentDisk: { pdName: 'my-PD', fsType: 'ext4', partition: 1 } }),
  ),
  accept(
    `${TV}/valid AWSElasticBlockStore`,
    volume({ awsElasticBlockStore: { volumeID: 'my-PD', fsType: 'ext4', partition: 1 } }),
  ),
  accept(
    `${TV}/valid GitRepo`,
    volume({ gitRepo: { repository: 'my-repo', revision: 'hashstring', directory: 'target' } }),
  ),
  accept(
    `${TV}/valid GitRepo in .`,
    volume({ gitRepo: { repository: 'my-repo', directory: '.' } }),
  ),
  accept(
    `${TV}/valid GitRepo with .. in name`,
    volume({ gitRepo: { repository: 'my-repo', directory: '..foo' } }),
  ),
  reject(
    `${TV}/GitRepo starts with ../`,
    `${V}.gitRepo.directory`,
    volume({ gitRepo: { repository: 'foo', directory: '../dots/bar' } }),
  ),
  reject(
    `${TV}/GitRepo contains ..`,
    `${V}.gitRepo.directory`,
    volume({ gitRepo: { repository: 'foo', directory: 'dots/../bar' } }),
  ),
  reject(
    `${TV}/GitRepo absolute target`,
    `${V}.gitRepo.directory`,
    volume({ gitRepo: { repository: 'foo', directory: '/abstarget' } }),
  ),
  accept(`${TV}/valid ISCSI`, volume(iscsi({}))),
  accept(`${TV}/valid IQN: eui format`, volume(iscsi({ iqn: 'eui.0123456789ABCDEF' }))),
  accept(
    `${TV}/valid IQN: naa format`,
    volume(iscsi({ iqn: 'naa.62004567BA64678D0123456789ABCDEF' })),
  ),
  reject(`${TV}/empty portal`, `${V}.iscsi.targetPortal`, volume(iscsi({ targetPortal: '' }))),
  reject(`${TV}/empty iqn`, `${V}.iscsi.iqn`, volume(iscsi({ iqn: '' }))),
  reject(
    `${TV}/invalid IQN: iqn format`,
    `${V}.iscsi.iqn`,
    volume(iscsi({ iqn: 'iqn.2015-02.example.com:test;ls;' })),
  ),
  reject(
    `${TV}/invalid IQN: eui format`,
    `${V}.iscsi.iqn`,
    volume(iscsi({ iqn: 'eui.0123456789ABCDEFGHIJ' })),
  ),
  reject(
    `${TV}/invalid IQN: naa format`,
    `${V}.iscsi.iqn`,
    volume(iscsi({ iqn: 'naa.62004567BA_4-78D.123456789ABCDEF' })),
  ),
  accept(
    `${TV}/valid initiatorName`,
    volume(iscsi({ initiatorName: 'iqn.2015-02.example.com:init' })),
  ),
  reject(
    `${TV}/invalid initiatorName`,
    `${V}.iscsi.initiatorName`,
    volume(iscsi({ initiatorName: '2015-02.example.com:init' })),
  ),
  reject(
    `${TV}/empty secret (discovery CHAP)`,
    `${V}.iscsi.secretRef`,
    volume(iscsi({ discoveryCHAPAuth: true })),
  ),
  reject(
    `${TV}/empty secret (session CHAP)`,
    `${V}.iscsi.secretRef`,
    volume(iscsi({ sessionCHAPAuth: true })),
  ),
  accept(`${TV}/valid Secret`, volume({ secret: { secretName: 'my-secret' } })),
  accept(
    `${TV}/valid Secret with defaultMode`,
    volume({ secret: { secretName: 'my-secret', defaultMode: 0o644 } }),
  ),
  accept(
    `${TV}/valid Secret with projection and mode`,
    volume({
      secret: { secretName: 'my-secret', items: [{ key: 'key', path: 'filename', mode: 0o644 }] },
    }),
  ),
  accept(
    `${TV}/valid Secret with subdir projection`,
    volume({ secret: { secretName: 'my-secret', items: [{ key: 'key', path: 'dir/filename' }] } }),
  ),
  reject(
    `${TV}/secret with missing path`,
    `${V}.secret.items[0].path`,
    volume({ secret: { secretName: 's', items: [{ key: 'key', path: '' }] } }),
  ),
  reject(
    `${TV}/secret with leading ..`,
    `${V}.secret.items[0].path`,
    volume({ secret: { secretName: 's', items: [{ key: 'key', path: '../foo' }] } }),
  ),
  reject(
    `${TV}/secret with .. inside`,
    `${V}.secret.items[0].path`,
    volume({ secret: { secretName: 's', items: [{ key: 'key', path: 'foo/../bar' }] } }),
  ),
  reject(
    `${TV}/secret with invalid positive defaultMode`,
    `${V}.secret.defaultMode`,
    volume({ secret: { secretName: 's', defaultMode: 0o1000 } }),
  ),
  reject(
    `${TV}/secret with invalid negative defaultMode`,
    `${V}.secret.defaultMode`,
    volume({ secret: { secretName: 's', defaultMode: -1 } }),
  ),
  accept(`${TV}/valid ConfigMap`, volume({ configMap: { name: 'my-cfgmap' } })),
  accept(
    `${TV}/valid ConfigMap with defaultMode`,
    volume({ configMap: { name: 'my-cfgmap', defaultMode: 0o644 } }),
  ),
  accept(
    `${TV}/valid ConfigMap with projection and mode`,
    volume({
      configMap: { name: 'my-cfgmap', items: [{ key: 'key', path: 'filename', mode: 0o644 }] },
    }),
  ),
  accept(
    `${TV}/valid ConfigMap with subdir projection`,
    volume({ configMap: { name: 'my-cfgmap', items: [{ key: 'key', path: 'dir/filename' }] } }),
  ),
  reject(
    `${TV}/configmap with missing path`,
    `${V}.configMap.items[0].path`,
    volume({ configMap: { name: 'c', items: [{ key: 'key', path: '' }] } }),
  ),
  reject(
    `${TV}/configmap with leading ..`,
    `${V}.configMap.items[0].path`,
    volume({ configMap: { name: 'c', items: [{ key: 'key', path: '../foo' }] } }),
  ),
  reject(
    `${TV}/configmap with .. inside`,
    `${V}.configMap.items[0].path`,
    volume({ configMap: { name: 'c', items: [{ key: 'key', path: 'foo/../bar' }] } }),
  ),
  reject(
    `${TV}/configmap with invalid positive defaultMode`,
    `${V}.configMap.defaultMode`,
    volume({ configMap: { name: 'c', defaultMode: 0o1000 } }),
  ),
  reject(
    `${TV}/configmap with invalid negative defaultMode`,
    `${V}.configMap.defaultMode`,
    volume({ configMap: { name: 'c', defaultMode: -1 } }),
  ),
  accept(`${TV}/valid Glusterfs`, volume({ glusterfs: { endpoints: 'host1', path: 'path' } })),
  reject(
    `${TV}/empty hosts`,
    `${V}.glusterfs.endpoints`,
    volume({ glusterfs: { endpoints: '', path: 'path' } }),
  ),
  reject(
    `${TV}/empty path`,
    `${V}.glusterfs.path`,
    volume({ glusterfs: { endpoints: 'host', path: '' } }),
  ),
  accept(
    `${TV}/valid Flocker -- datasetUUID`,
    volume({ flocker: { datasetUUID: 'd846b09d-223d-43df-ab5b-d6db2206a0e4' } }),
  ),
  accept(`${TV}/valid Flocker -- datasetName`, volume({ flocker: { datasetName: 'datasetName' } })),
  reject(`${TV}/both empty`, `${V}.flocker`, volume({ flocker: { datasetName: '' } })),
  reject(
    `${TV}/both specified`,
    `${V}.flocker`,
    volume({
      flocker: { datasetName: 'datasetName', datasetUUID: 'd846b09d-223d-43df-ab5b-d6db2206a0e4' },
    }),
  ),
  reject(
    `${TV}/slash in flocker datasetName`,
    `${V}.flocker.datasetName`,
    volume({ flocker: { datasetName: 'foo/bar' } }),
  ),
  accept(`${TV}/valid RBD`, volume({ rbd: { monitors: ['foo'], image: 'bar', fsType: 'ext4' } })),
  reject(
    `${TV}/empty rbd monitors`,
    `${V}.rbd.monitors`,
    volume({ rbd: { monitors: [], image: 'bar', fsType: 'ext4' } }),
  ),
  reject(
    `${TV}/empty image`,
    `${V}.rbd.image`,
    volume({ rbd: { monitors: ['foo'], image: '', fsType: 'ext4' } }),
  ),
  accept(
    `${TV}/valid Cinder`,
    volume({ cinder: { volumeID: '29ea5088-4f60-4757-962e-dba678767887', fsType: 'ext4' } }),
  ),
  accept(`${TV}/valid CephFS`, volume({ cephfs: { monitors: ['foo'] } })),
  reject(
    `${TV}/empty cephfs monitors`,
    `${V}.cephfs.monitors`,
    volume({ cephfs: { monitors: [] } }),
  ),
  accept(
    `${TV}/valid DownwardAPI`,
    volume({
      downwardAPI: {
        items: [
          ['labels', 'metadata.labels'],
          ['labels with subscript', "metadata.labels['key']"],
          ['labels with complex subscript', "metadata.labels['test.example.com/key']"],
          ['annotations', 'metadata.annotations'],
          ['annotations with subscript', "metadata.annotations['key']"],
          ['annotations with complex subscript', "metadata.annotations['TEST.EXAMPLE.COM/key']"],
          ['namespace', 'metadata.namespace'],
          ['name', 'metadata.name'],
          ['path/with/subdirs', 'metadata.labels'],
          ['path/./withdot', 'metadata.labels'],
          ['path/with/embedded..dotdot', 'metadata.labels'],
          ['path/with/leading/..dotdot', 'metadata.labels'],
        ]
          .map(([path, fieldPath]) => ({ path, fieldRef: { apiVersion: 'v1', fieldPath } }))
          .concat(
            ['limits.cpu', 'requests.cpu', 'limits.memory', 'requests.memory'].map((resource) => ({
              path: resource.replace('.', '_'),
              resourceFieldRef: { containerName: 'test-container', resource },
            })) as never[],
          ),
      },
    }),
  ),
  accept(
    `${TV}/hugepages-downwardAPI-enabled`,
    volume({
      downwardAPI: {
        items: [
          {
            path: 'hugepages_request',
            resourceFieldRef: {
              containerName: 'test-container',
              resource: 'requests.hugepages-2Mi',
            },
          },
          {
            path: 'hugepages_limit',
            resourceFieldRef: { containerName: 'test-container', resource: 'limits.hugepages-2Mi' },
          },
        ],
      },
    }),
  ),
  accept(`${TV}/downapi valid defaultMode`, volume({ downwardAPI: { defaultMode: 0o644 } })),
  accept(`${TV}/downapi valid item mode`, volume(labelsFile({ mode: 0o644 }))),
  reject(
    `${TV}/downapi invalid positive item mode`,
    `${V}.downwardAPI`,
    volume(labelsFile({ mode: 0o1000 })),
  ),
  reject(
    `${TV}/downapi invalid negative item mode`,
    `${V}.downwardAPI`,
    volume(labelsFile({ mode: -1 })),
  ),
  reject(`${TV}/downapi empty metatada path`, `${V}.downwardAPI`, volume(labelsFile({ path: '' }))),
  reject(
    `${TV}/downapi absolute path`,
    `${V}.downwardAPI`,
    volume(labelsFile({ path: '/absolutepath' })),
  ),
  reject(
    `${TV}/downapi dot dot path`,
    `${V}.downwardAPI`,
    volume(labelsFile({ path: '../../passwd' })),
  ),
  reject(
    `${TV}/downapi dot dot file name`,
    `${V}.downwardAPI`,
    volume(labelsFile({ path: '..badFileName' })),
  ),
  reject(
    `${TV}/downapi dot dot first level dirent`,
    `${V}.downwardAPI`,
    volume(labelsFile({ path: '..badDirName/goodFileName' })),
  ),
  reject(
    `${TV}/downapi fieldRef and ResourceFieldRef together`,
    `${V}.downwardAPI`,
    volume(
      labelsFile({
        path: 'test',
        resourceFieldRef: { containerName: 'test-container', resource: 'requests.memory' },
      }),
    ),
  ),
  reject(
    `${TV}/downapi invalid positive defaultMode`,
    `${V}.downwardAPI.defaultMode`,
    volume({ downwardAPI: { defaultMode: 0o1000 } }),
  ),
  reject(
    `${TV}/downapi invalid negative defaultMode`,
    `${V}.downwardAPI.defaultMode`,
    volume({ downwardAPI: { defaultMode: -1 } }),
  ),
  accept(
    `${TV}/FC valid targetWWNs and lun`,
    volume({ fc: { targetWWNs: ['some_wwn'], lun: 1, fsType: 'ext4' } }),
  ),
  accept(`${TV}/FC valid wwids`, volume({ fc: { wwids: ['some_wwid'], fsType: 'ext4' } })),
  reject(
    `${TV}/FC empty targetWWNs and wwids`,
    `${V}.fc.targetWWNs`,
    volume({ fc: { targetWWNs: [], lun: 1, wwids: [], fsType: 'ext4' } }),
  ),
  reject(
    `${TV}/FC invalid: both targetWWNs and wwids simultaneously`,
    `${V}.fc.targetWWNs`,
    volume({ fc: { targetWWNs: ['some_wwn'], lun: 1, wwids: ['some_wwid'], fsType: 'ext4' } }),
  ),
  reject(
    `${TV}/FC valid targetWWNs and empty lun`,
    `${V}.fc.lun`,
    volume({ fc: { targetWWNs: ['wwn'], fsType: 'ext4' } }),
  ),
  reject(
    `${TV}/FC valid targetWWNs and invalid lun`,
    `${V}.fc.lun`,
    volume({ fc: { targetWWNs: ['wwn'], lun: 256, fsType: 'ext4' } }),
  ),
  accept(
    `${TV}/valid FlexVolume`,
    volume({ flexVolume: { driver: 'kubernetes.io/blue', fsType: 'ext4' } }),
  ),
  accept(`${TV}/valid AzureFile`, volume({ azureFile: { secretName: 'key', shareName: 'share' } })),
  reject(
    `${TV}/AzureFile empty secret`,
    `${V}.azureFile.secretName`,
    volume({ azureFile: { secretName: '', shareName: 'share' } }),
  ),
  reject(
    `${TV}/AzureFile empty share`,
    `${V}.azureFile.shareName`,
    volume({ azureFile: { secretName: 'name', shareName: '' } }),
  ),
  accept(
    `${TV}/valid Quobyte`,
    volume(quobyte({ registry: 'registry:7861', volume: 'volume', user: 'root', group: 'root' })),
  ),
  reject(
    `${TV}/empty registry quobyte`,
    `${V}.quobyte.registry`,
    volume(quobyte({ volume: '/test' })),
  ),
  reject(
    `${TV}/wrong format registry quobyte`,
    `${V}.quobyte.registry`,
    volume(quobyte({ registry: 'registry7861', volume: '/test' })),
  ),
  reject(
    `${TV}/wrong format multiple registries quobyte`,
    `${V}.quobyte.registry`,
    volume(quobyte({ registry: 'registry:7861,reg2', volume: '/test' })),
  ),
  reject(
    `${TV}/empty volume quobyte`,
    `${V}.quobyte.volume`,
    volume(quobyte({ registry: 'registry:7861' })),
  ),
  accept(
    `${TV}/empty tenant quobyte`,
    volume(quobyte({ registry: 'registry:7861', volume: '/test', tenant: '' })),
  ),
  reject(
    `${TV}/too long tenant quobyte`,
    `${V}.quobyte.tenant`,
    volume(
      quobyte({
        registry: 'registry:7861',
        volume: '/test',
        tenant:
          'this is too long to be a valid uuid so this test has to fail on the maximum length validation of the tenant.',
      }),
    ),
  ),
  accept(
    `${TV}/valid AzureDisk`,
    volume({ azureDisk: { diskName: 'foo', diskURI: 'https://blob/vhds/bar.vhd' } }),
  ),
  reject(
    `${TV}/AzureDisk empty disk name`,
    `${V}.azureDisk.diskName`,
    volume({ azureDisk: { diskName: '', diskURI: 'https://blob/vhds/bar.vhd' } }),
  ),
  reject(
    `${TV}/AzureDisk empty disk uri`,
    `${V}.azureDisk.diskURI`,
    volume({ azureDisk: { diskName: 'foo', diskURI: '' } }),
  ),
  accept(
    `${TV}/valid scaleio volume`,
    volume({
      scaleIO: { gateway: 'http://abcd/efg', system: 'test-system', volumeName: 'test-vol-1' },
    }),
  ),
  reject(
    `${TV}/ScaleIO with empty name`,
    `${V}.scaleIO.volumeName`,
    volume({ scaleIO: { gateway: 'http://abcd/efg', system: 'test-system', volumeName: '' } }),
  ),
  reject(
    `${TV}/ScaleIO with empty gateway`,
    `${V}.scaleIO.gateway`,
    volume({ scaleIO: { gateway: '', system: 'test-system', volumeName: 'test-vol-1' } }),
  ),
  reject(
    `${TV}/ScaleIO with empty system`,
    `${V}.scaleIO.system`,
    volume({
      scaleIO: { gateway: 'http://agc/efg/gateway', system: '', volumeName: 'test-vol-1' },
    }),
  ),
  reject(
    `${TV}/ProjectedVolumeSource more than one projection in a source`,
    `${V}.projected.sources[1]`,
    volume(
      {
        projected: {
          sources: [{ secret: { name: 'foo' } }, { secret: { name: 'foo' }, downwardAPI: {} }],
        },
      },
      'projected-volume',
    ),
  ),
  reject(
    `${TV}/ProjectedVolumeSource more than one projection in a source (unnamed secrets)`,
    `${V}.projected.sources[0].secret.name`,
    volume(
      { projected: { sources: [{ secret: {} }, { secret: {}, downwardAPI: {} }] } },
      'projected-volume',
    ),
  ),
  accept(`${TV}/valid image volume on pod`, {
    ...volume(
      { image: { reference: 'quay.io/my/artifact:v1', pullPolicy: 'IfNotPresent' } },
      'image-volume',
    ),
    targetVersion: '1.35',
  }),
  // Defaulting gives a volume without a source an emptyDir before validation runs.
  accept(`${TV}/no volume source`, volume({}, 'volume')),
  reject(`${TV}/image volume with empty name`, `${V}.name`, {
    ...volume({ image: { reference: 'quay.io/my/artifact:v1', pullPolicy: 'IfNotPresent' } }, ''),
    targetVersion: '1.35',
  }),
  // A template may leave it empty; the pods the Job controller creates from it are refused.
  reject(`${TV}/image volume with empty reference on other object`, `${V}.image.reference`, {
    ...volume({ image: { reference: '', pullPolicy: 'IfNotPresent' } }, 'image-volume'),
    family: 2,
    targetVersion: '1.35',
  }),
  reject(`${TV}/image volume with wrong pullPolicy`, `${V}.image.pullPolicy`, {
    ...volume(
      { image: { reference: 'quay.io/my/artifact:v1', pullPolicy: 'wrong' } },
      'image-volume',
    ),
    targetVersion: '1.35',
  }),
  reject(`${TV}/duplicate names`, `${P}.volumes[1].name`, {
    pod: {
      volumes: [
        { name: 'abc', emptyDir: {} },
        { name: 'abc', emptyDir: {} },
      ],
    },
  }),
  accept(`${TV}/HugePages medium`, volume({ emptyDir: { medium: 'HugePages' } }, 'working')),
];

// ------------------------------------------- TestValidateKeyToPath (as secret volume items)
const KP = 'TestValidateKeyToPath';
const item = (kp: object) => volume({ secret: { secretName: 's', items: [kp] } });
const I = `${V}.secret.items[0]`;
const keyToPath: UpstreamCase[] = [
  accept(`${KP}/k p`, item({ key: 'k', path: 'p' })),
  accept(`${KP}/k p/p/p/p`, item({ key: 'k', path: 'p/p/p/p' })),
  accept(`${KP}/k p/..p/p../p..p`, item({ key: 'k', path: 'p/..p/p../p..p' })),
  accept(`${KP}/k p mode 0644`, item({ key: 'k', path: 'p', mode: 0o644 })),
  reject(`${KP}/empty key`, `${I}.key`, item({ key: '', path: 'p' })),
  reject(`${KP}/empty path`, `${I}.path`, item({ key: 'k', path: '' })),
  reject(`${KP}/path ..p`, `${I}.path`, item({ key: 'k', path: '..p' })),
  reject(`${KP}/path ../p`, `${I}.path`, item({ key: 'k', path: '../p' })),
  reject(`${KP}/path p/../p`, `${I}.path`, item({ key: 'k', path: 'p/../p' })),
  reject(`${KP}/path p/..`, `${I}.path`, item({ key: 'k', path: 'p/..' })),
  reject(`${KP}/mode 01000`, `${I}.mode`, item({ key: 'k', path: 'p', mode: 0o1000 })),
  reject(`${KP}/mode -1`, `${I}.mode`, item({ key: 'k', path: 'p', mode: -1 })),
];

// ------------------------------- TestValidateNFSVolumeSource, TestValidateGlusterfs, TestValidateCSIVolumeSource
const otherSources: UpstreamCase[] = [
  reject(
    'TestValidateNFSVolumeSource/missing server',
    `${V}.nfs.server`,
    volume({ nfs: { server: '', path: '/tmp' } }),
  ),
  reject(
    'TestValidateNFSVolumeSource/missing path',
    `${V}.nfs.path`,
    volume({ nfs: { server: 'my-server', path: '' } }),
  ),
  reject(
    'TestValidateNFSVolumeSource/abs path',
    `${V}.nfs.path`,
    volume({ nfs: { server: 'my-server', path: 'tmp' } }),
  ),
  reject(
    'TestValidateGlusterfs/missing endpointname',
    `${V}.glusterfs.endpoints`,
    volume({ glusterfs: { endpoints: '', path: '/tmp' } }),
  ),
  reject(
    'TestValidateGlusterfs/missing path',
    `${V}.glusterfs.path`,
    volume({ glusterfs: { endpoints: 'my-endpoint', path: '' } }),
  ),
  reject(
    'TestValidateGlusterfs/missing endpointname and path',
    `${V}.glusterfs.endpoints`,
    volume({ glusterfs: { endpoints: '', path: '' } }),
  ),
];
const CSI = 'TestValidateCSIVolumeSource';
const csi = (source: object) => volume({ csi: source });
const csiDrivers: Array<[string, string, boolean]> = [
  ['all required fields ok', 'test-driver', true],
  ['missing driver name', '', false],
  ['driver name: ok no punctuations', 'comgooglestoragecsigcepd', true],
  ['driver name: ok dot only', 'io.kubernetes.storage.csi.flex', true],
  ['driver name: ok dash only', 'io-kubernetes-storage-csi-flex', true],
  ['driver name: invalid underscore', 'io_kubernetes_storage_csi_flex', false],
  ['driver name: invalid dot underscores', 'io.kubernetes.storage_csi.flex', false],
  ['driver name: ok beginning with number', '2io.kubernetes.storage-csi.flex', true],
  ['driver name: ok ending with number', 'io.kubernetes.storage-csi.flex2', true],
  ['driver name: invalid dot dash underscores', 'io.kubernetes-storage.csi_flex', false],
  ['driver name: ok length 1', 'a', true],
  ['driver name: invalid length > 63', 'g'.repeat(65), false],
  ['driver name: invalid start char', '_comgooglestoragecsigcepd', false],
  ['driver name: invalid end char', 'comgooglestoragecsigcepd/', false],
  ['driver name: invalid separators', 'com/google/storage/csi~gcepd', false],
];
const csiCases: UpstreamCase[] = [
  ...csiDrivers.map(([name, driver, ok]) =>
    ok
      ? accept(`${CSI}/${name}`, csi({ driver }))
      : reject(`${CSI}/${name}`, `${V}.csi.driver`, csi({ driver })),
  ),
  accept(
    `${CSI}/valid nodePublishSecretRef`,
    csi({ driver: 'com.google.gcepd', nodePublishSecretRef: { name: 'foobar' } }),
  ),
  reject(
    `${CSI}/nodePublishSecretRef: invalid name missing`,
    `${V}.csi.nodePublishSecretRef.name`,
    csi({ driver: 'com.google.gcepd', nodePublishSecretRef: { name: '' } }),
  ),
];

// ---------------------------------------------------------------- TestValidateEphemeralVolume
const EV = 'TestValidateEphemeralVolume';
const T = `${P}.volumes[0].ephemeral.volumeClaimTemplate`;
const goodClaimSpec = {
  selector: { matchExpressions: [{ key: 'key2', operator: 'Exists' }] },
  accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
  resources: { requests: { storage: '10G' } },
  storageClassName: 'valid',
  volumeMode: 'Filesystem',
};
const claim = (spec: object, metadata?: object, extra: Partial<UpstreamCase> = {}) => ({
  ...volume(
    { ephemeral: { volumeClaimTemplate: { ...(metadata ? { metadata } : {}), spec } } },
    'foo',
  ),
  ...extra,
});
const simpleSpec = (extra: object) => ({
  accessModes: ['ReadWriteOnce'],
  resources: { requests: { storage: '10G' } },
  ...extra,
});
const ephemeral: UpstreamCase[] = [
  accept(`${EV}/good-claim`, claim(goodClaimSpec)),
  accept(`${EV}/missing-name`, claim(goodClaimSpec, { name: '' })),
  accept(`${EV}/missing-namespace`, claim(goodClaimSpec, { namespace: '' })),
  reject(
    `${EV}/with-generate-name`,
    `${T}.metadata.generateName`,
    claim(goodClaimSpec, { generateName: 'pvc-' }),
  ),
  reject(
    `${EV}/with-uid`,
    `${T}.metadata.uid`,
    claim(goodClaimSpec, { uid: 'ac051fac-2ead-46d9-b8b4-4e0fbeb7455d' }),
  ),
  reject(
    `${EV}/with-resource-version`,
    `${T}.metadata.resourceVersion`,
    claim(goodClaimSpec, { resourceVersion: '1' }),
  ),
  reject(
    `${EV}/with-generation`,
    `${T}.metadata.generation`,
    claim(goodClaimSpec, { generation: 100 }),
  ),
  reject(
    `${EV}/with-creation-timestamp`,
    `${T}.metadata.creationTimestamp`,
    claim(goodClaimSpec, { creationTimestamp: '2024-05-01T10:00:00Z' }),
  ),
  reject(
    `${EV}/with-deletion-grace-period-seconds`,
    `${T}.metadata.deletionGracePeriodSeconds`,
    claim(goodClaimSpec, { deletionGracePeriodSeconds: 10 }),
  ),
  reject(
    `${EV}/with-owner-references`,
    `${T}.metadata.ownerReferences`,
    claim(goodClaimSpec, {
      ownerReferences: [
        { apiVersion: 'v1', kind: 'pod', name: 'foo', uid: 'ac051fac-2ead-46d9-b8b4-4e0fbeb7455d' },
      ],
    }),
  ),
  reject(
    `${EV}/with-finalizers`,
    `${T}.metadata.finalizers`,
    claim(goodClaimSpec, { finalizers: ['example.com/foo'] }),
  ),
  reject(
    `${EV}/with-managed-fields`,
    `${T}.metadata.managedFields`,
    claim(goodClaimSpec, {
      managedFields: [
        { fieldsType: 'FieldsV1', operation: 'Apply', apiVersion: 'apps/v1', manager: 'foo' },
      ],
    }),
  ),
  accept(
    `${EV}/with-good-labels`,
    claim(goodClaimSpec, { labels: { 'apps.kubernetes.io/name': 'test' } }),
  ),
  reject(
    `${EV}/with-bad-labels`,
    `${T}.metadata.labels`,
    claim(goodClaimSpec, { labels: { 'hello-world': 'hyphen not allowed' } }),
  ),
  accept(`${EV}/with-good-annotations`, claim(goodClaimSpec, { labels: { foo: 'bar' } })),
  reject(
    `${EV}/with-bad-annotations`,
    `${T}.metadata.labels`,
    claim(goodClaimSpec, { labels: { 'hello-world': 'hyphen not allowed' } }),
  ),
  accept(
    `${EV}/with-read-write-once-pod`,
    claim(simpleSpec({ accessModes: ['ReadWriteOncePod'] })),
  ),
  reject(
    `${EV}/with-read-write-once-pod-and-others`,
    `${T}.spec.accessModes`,
    claim(simpleSpec({ accessModes: ['ReadWriteOncePod', 'ReadWriteMany'] })),
  ),
  reject(
    `${EV}/invalid-claim-zero-capacity`,
    `${T}.spec.resources.requests.storage`,
    claim({ ...goodClaimSpec, volumeMode: undefined, resources: { requests: { storage: '0G' } } }),
  ),
  reject(
    `${EV}/invalid-label-selector`,
    `${T}.spec.selector`,
    claim({
      selector: {
        matchExpressions: [{ key: 'key2', operator: 'InvalidOp', values: ['value1', 'value2'] }],
      },
      accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
      resources: { requests: { storage: '10G' } },
    }),
  ),
  reject(
    `${EV}/invalid-accessmode`,
    `${T}.spec.accessModes`,
    claim(simpleSpec({ accessModes: ['fakemode'] })),
  ),
  reject(
    `${EV}/no-access-modes`,
    `${T}.spec.accessModes`,
    claim({ resources: { requests: { storage: '10G' } } }),
  ),
  reject(
    `${EV}/no-resource-requests`,
    `${T}.spec.resources`,
    claim({ accessModes: ['ReadWriteOnce'] }),
  ),
  reject(
    `${EV}/invalid-resource-requests`,
    `${T}.spec.resources`,
    claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { memory: '10G' } } }),
  ),
  reject(
    `${EV}/negative-storage-request`,
    `${T}.spec.resources`,
    claim({ ...goodClaimSpec, resources: { requests: { storage: '-10G' } } }),
  ),
  reject(
    `${EV}/zero-storage-request`,
    `${T}.spec.resources`,
    claim({ ...goodClaimSpec, resources: { requests: { storage: '0G' } } }),
  ),
  reject(
    `${EV}/invalid-storage-class-name`,
    `${T}.spec.storageClassName`,
    claim({ ...goodClaimSpec, storageClassName: '-invalid-' }),
  ),
  reject(
    `${EV}/invalid-volume-mode`,
    `${T}.spec.volumeMode`,
    claim({ ...goodClaimSpec, volumeMode: 'fakeVolumeMode' }),
  ),
  reject(
    `${EV}/mismatch-data-source-and-ref`,
    `${T}.spec`,
    claim(
      simpleSpec({
        dataSource: { kind: 'PersistentVolumeClaim', name: 'pvc1' },
        dataSourceRef: { kind: 'PersistentVolumeClaim', name: 'pvc2' },
      }),
    ),
  ),
  reject(
    `${EV}/invaild-apigroup-in-data-source`,
    `${T}.spec.dataSource`,
    claim(simpleSpec({ dataSource: { apiGroup: '^invalid', kind: 'Foo', name: 'foo1' } })),
  ),
  reject(
    `${EV}/invaild-apigroup-in-data-source-ref`,
    `${T}.spec.dataSourceRef`,
    claim(simpleSpec({ dataSourceRef: { apiGroup: '^invalid', kind: 'Foo', name: 'foo1' } })),
  ),
  // The VolumeAttributesClass feature is on by default from 1.34.
  reject(
    `${EV}/invalid-volume-attributes-class-name`,
    `${T}.spec.volumeAttributesClassName`,
    claim({ ...goodClaimSpec, volumeAttributesClassName: '-invalid-' }, undefined, {
      targetVersion: '1.34',
    }),
  ),
];

// --------------------------------------------------------------------------- volume mounts
const mountVolumes = [
  { name: 'abc', persistentVolumeClaim: { claimName: 'testclaim1' } },
  { name: 'abc-123', persistentVolumeClaim: { claimName: 'testclaim2' } },
  { name: '123', hostPath: { path: '/foo/baz', type: '' } },
  {
    name: 'ephemeral',
    ephemeral: {
      volumeClaimTemplate: {
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10G' } } },
      },
    },
  },
];
const mounts = (volumeMounts: object[], extra: object = {}): Case => ({
  pod: { volumes: mountVolumes },
  container: { volumeMounts, ...extra },
});
const M = `${C}.volumeMounts`;
const VM = 'TestValidateVolumeMounts';
const badDevice = { volumeDevices: [{ name: 'xyz', devicePath: '/mnt/exists' }] };
const volumeMountCases: UpstreamCase[] = [
  accept(
    `${VM}/success cases`,
    mounts([
      { name: 'abc', mountPath: '/foo' },
      { name: '123', mountPath: '/bar' },
      { name: 'abc-123', mountPath: '/baz' },
      { name: 'abc-123', mountPath: '/baa', subPath: '' },
      { name: 'abc-123', mountPath: '/bab', subPath: 'baz' },
      { name: 'abc-123', mountPath: 'd:', subPath: '' },
      { name: 'abc-123', mountPath: 'F:', subPath: '' },
      { name: 'abc-123', mountPath: 'G:\\mount', subPath: '' },
      { name: 'abc-123', mountPath: '/bac', subPath: '.baz' },
      { name: 'abc-123', mountPath: '/bad', subPath: '..baz' },
      { name: 'ephemeral', mountPath: '/foobar' },
      { name: '123', mountPath: '/rro-nil', readOnly: true },
      { name: '123', mountPath: '/rro-disabled', readOnly: true, recursiveReadOnly: 'Disabled' },
      { name: '123', mountPath: '/rro-disabled-2', readOnly: false, recursiveReadOnly: 'Disabled' },
      {
        name: '123',
        mountPath: '/rro-ifpossible',
        readOnly: true,
        recursiveReadOnly: 'IfPossible',
      },
      { name: '123', mountPath: '/rro-enabled', readOnly: true, recursiveReadOnly: 'Enabled' },
      {
        name: '123',
        mountPath: '/rro-enabled-2',
        readOnly: true,
        recursiveReadOnly: 'Enabled',
        mountPropagation: 'None',
      },
    ]),
  ),
  reject(`${VM}/empty name`, `${M}[0].name`, mounts([{ name: '', mountPath: '/foo' }])),
  reject(`${VM}/empty mountpath`, `${M}[0].mountPath`, mounts([{ name: 'abc', mountPath: '' }])),
  reject(
    `${VM}/mountpath collision`,
    `${M}[1].mountPath`,
    mounts([
      { name: 'foo', mountPath: '/path/a' },
      { name: 'bar', mountPath: '/path/a' },
    ]),
  ),
  reject(
    `${VM}/absolute subpath`,
    `${M}[0].subPath`,
    mounts([{ name: 'abc', mountPath: '/bar', subPath: '/baz' }]),
  ),
  reject(
    `${VM}/subpath in ..`,
    `${M}[0].subPath`,
    mounts([{ name: 'abc', mountPath: '/bar', subPath: '../baz' }]),
  ),
  reject(
    `${VM}/subpath contains ..`,
    `${M}[0].subPath`,
    mounts([{ name: 'abc', mountPath: '/bar', subPath: 'baz/../bat' }]),
  ),
  reject(
    `${VM}/subpath ends in ..`,
    `${M}[0].subPath`,
    mounts([{ name: 'abc', mountPath: '/bar', subPath: './..' }]),
  ),
  reject(
    `${VM}/disabled MountPropagation feature gate`,
    `${M}[0].mountPropagation`,
    mounts([{ name: 'abc', mountPath: '/bar', mountPropagation: 'Bidirectional' }]),
  ),
  reject(
    `${VM}/name exists in volumeDevice`,
    C,
    mounts([{ name: 'xyz', mountPath: '/bar' }], badDevice),
  ),
  reject(
    `${VM}/mountpath exists in volumeDevice`,
    C,
    mounts([{ name: 'uvw', mountPath: '/mnt/exists' }], badDevice),
  ),
  reject(
    `${VM}/both exist in volumeDevice`,
    C,
    mounts([{ name: 'xyz', mountPath: '/mnt/exists' }], badDevice),
  ),
  reject(
    `${VM}/rro but not ro`,
    `${M}[0].recursiveReadOnly`,
    mounts([
      { name: '123', mountPath: '/rro-bad1', readOnly: false, recursiveReadOnly: 'Enabled' },
    ]),
  ),
  reject(
    `${VM}/rro with incompatible propagation`,
    `${M}[0].recursiveReadOnly`,
    mounts([
      {
        name: '123',
        mountPath: '/rro-bad2',
        readOnly: true,
        recursiveReadOnly: 'Enabled',
        mountPropagation: 'HostToContainer',
      },
    ]),
  ),
  reject(
    `${VM}/rro-if-possible but not ro`,
    `${M}[0].recursiveReadOnly`,
    mounts([
      { name: '123', mountPath: '/rro-bad1', readOnly: false, recursiveReadOnly: 'IfPossible' },
    ]),
  ),
];

const SUB = 'TestValidateSubpathMutuallyExclusive';
const DIS = 'TestValidateDisabledSubpathExpr';
const subPathCases: UpstreamCase[] = [
  accept(
    `${SUB}/subpath and subpathexpr not specified`,
    mounts([{ name: 'abc-123', mountPath: '/bab' }]),
  ),
  accept(
    `${SUB}/subpath expr specified`,
    mounts([{ name: 'abc-123', mountPath: '/bab', subPathExpr: '$(POD_NAME)' }]),
  ),
  accept(
    `${SUB}/subpath specified`,
    mounts([{ name: 'abc-123', mountPath: '/bab', subPath: 'baz' }]),
  ),
  reject(
    `${SUB}/subpath and subpathexpr specified`,
    `${M}[0].subPathExpr`,
    mounts([{ name: 'abc-123', mountPath: '/bab', subPath: 'baz', subPathExpr: '$(POD_NAME)' }]),
  ),
  accept(`${DIS}/subpath expr not specified`, mounts([{ name: 'abc-123', mountPath: '/bab' }])),
  accept(
    `${DIS}/subpath expr specified`,
    mounts([{ name: 'abc-123', mountPath: '/bab', subPathExpr: '$(POD_NAME)' }]),
  ),
];

const MP = 'TestValidateMountPropagation';
const propagationCases: UpstreamCase[] = (
  [
    ['implicitly non-privileged container + no propagation', undefined, undefined, true],
    ['implicitly non-privileged container + HostToContainer', undefined, 'HostToContainer', true],
    ['non-privileged container + None', undefined, 'None', true],
    ['implicitly non-privileged container + Bidirectional', undefined, 'Bidirectional', false],
    ['explicitly non-privileged container + no propagation', false, undefined, true],
    ['explicitly non-privileged container + HostToContainer', false, 'HostToContainer', true],
    ['explicitly non-privileged container + Bidirectional', false, 'Bidirectional', false],
    ['privileged container + no propagation', true, undefined, true],
    ['privileged container + HostToContainer', true, 'HostToContainer', true],
    ['privileged container + Bidirectional', true, 'Bidirectional', true],
    ['privileged container + invalid mount propagation', true, 'invalid', false],
  ] as Array<[string, boolean | undefined, string | undefined, boolean]>
).map(([name, privileged, mountPropagation, ok]) => {
  const c: Case = {
    pod: { volumes: [{ name: 'foo', hostPath: { path: '/foo/baz', type: '' } }] },
    container: {
      volumeMounts: [
        { name: 'foo', mountPath: '/foo', ...(mountPropagation ? { mountPropagation } : {}) },
      ],
      ...(privileged === undefined ? {} : { securityContext: { privileged } }),
    },
  };
  return ok ? accept(`${MP}/${name}`, c) : reject(`${MP}/${name}`, `${M}[0].mountPropagation`, c);
});

// ------------------------------------------------------------------- volume devices
const VD = 'TestAlphaValidateVolumeDevices';
const D = `${C}.volumeDevices`;
const deviceVolumes = [
  mountVolumes[0],
  mountVolumes[1],
  { name: 'def', hostPath: { path: '/foo/baz', type: '' } },
  mountVolumes[3],
];
const badMounts = [
  { name: 'abc', mountPath: '/foo' },
  { name: 'abc-123', mountPath: '/this/path/exists' },
];
const devices = (volumeDevices: object[], volumeMounts?: object[]): Case => ({
  pod: { volumes: deviceVolumes },
  container: { volumeDevices, ...(volumeMounts ? { volumeMounts } : {}) },
});
const deviceCases: UpstreamCase[] = [
  accept(
    `${VD}/success cases`,
    devices([
      { name: 'abc', devicePath: '/foo' },
      { name: 'abc-123', devicePath: '/usr/share/test' },
      { name: 'ephemeral', devicePath: '/disk' },
    ]),
  ),
  reject(`${VD}/empty name`, `${D}[0].name`, devices([{ name: '', devicePath: '/foo' }])),
  reject(
    `${VD}/duplicate name`,
    `${D}[1].name`,
    devices([
      { name: 'abc', devicePath: '/foo' },
      { name: 'abc', devicePath: '/foo/bar' },
    ]),
  ),
  reject(
    `${VD}/name not found`,
    `${D}[0].name`,
    devices([{ name: 'not-found', devicePath: '/usr/share/test' }]),
  ),
  reject(
    `${VD}/name found but invalid source`,
    `${D}[0].name`,
    devices([{ name: 'def', devicePath: '/usr/share/test' }]),
  ),
  reject(
    `${VD}/empty devicepath`,
    `${D}[0].devicePath`,
    devices([{ name: 'abc', devicePath: '' }]),
  ),
  reject(
    `${VD}/relative devicepath`,
    `${D}[0]`,
    devices([{ name: 'abc-123', devicePath: 'baz' }], badMounts),
  ),
  reject(
    `${VD}/duplicate devicepath`,
    `${D}[1].devicePath`,
    devices([
      { name: 'abc', devicePath: '/foo' },
      { name: 'abc-123', devicePath: '/foo' },
    ]),
  ),
  reject(
    `${VD}/no backsteps`,
    `${D}[0].devicePath`,
    devices([{ name: 'def', devicePath: '/baz/../' }]),
  ),
  reject(
    `${VD}/name exists in volumemounts`,
    `${D}[0]`,
    devices([{ name: 'abc', devicePath: '/baz/../' }], badMounts),
  ),
  reject(
    `${VD}/path exists in volumemounts`,
    `${D}[0].devicePath`,
    devices([{ name: 'xyz', devicePath: '/this/path/exists' }], badMounts),
  ),
  reject(
    `${VD}/both exist in volumemounts`,
    `${D}[0]`,
    devices([{ name: 'abc', devicePath: '/this/path/exists' }], badMounts),
  ),
];

export const cases: UpstreamCase[] = [
  ...testValidateVolumes,
  ...keyToPath,
  ...otherSources,
  ...csiCases,
  ...ephemeral,
  ...volumeMountCases,
  ...subPathCases,
  ...propagationCases,
  ...deviceCases,
];
