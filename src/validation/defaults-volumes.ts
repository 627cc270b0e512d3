/** The volume defaulters of pkg/apis/core/v1 (SetDefaults_Volume and the volume sources). */
import { Obj } from './read';
import { KubernetesVersion, featureEnabled } from './versions';
import { Edit, defaultFieldRef, isUnset, isUnsetString, pullPolicyFor } from './defaults-util';

/** The fields of VolumeSource: a volume with none of them set becomes an emptyDir. */
const VOLUME_SOURCES = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
] as const;

const DEFAULT_MODE = 0o644;

/** SetDefaults_Volume and the defaulters of the volume sources. */
export function defaultVolume(volume: Obj, target: KubernetesVersion): Obj {
  const edit = new Edit(volume);
  if (VOLUME_SOURCES.every((key) => isUnset(volume[key]))) edit.set('emptyDir', {});
  const mode = (source: Obj) =>
    isUnset(source.defaultMode)
      ? new Edit(source).set('defaultMode', DEFAULT_MODE)
      : new Edit(source);
  edit.child('secret', (s) => mode(s).done());
  edit.child('configMap', (s) => mode(s).done());
  edit.child('downwardAPI', (s) => mode(s).array('items', defaultDownwardItem).done());
  edit.child('projected', (s) =>
    mode(s)
      .array('sources', (src) =>
        new Edit(src)
          .child('downwardAPI', (d) => new Edit(d).array('items', defaultDownwardItem).done())
          .child('serviceAccountToken', (t) =>
            isUnset(t.expirationSeconds) ? new Edit(t).set('expirationSeconds', 3600).done() : t,
          )
          .done(),
      )
      .done(),
  );
  edit.child('hostPath', (h) => (isUnset(h.type) ? new Edit(h).set('type', '').done() : h));
  edit.child('iscsi', (s) => defaults(s, { iscsiInterface: 'default' }));
  edit.child('rbd', (s) =>
    defaults(s, { pool: 'rbd', user: 'admin', keyring: '/etc/ceph/keyring' }),
  );
  edit.child('scaleIO', (s) => defaults(s, { storageMode: 'ThinProvisioned', fsType: 'xfs' }));
  edit.child('azureDisk', (s) => {
    const e = new Edit(s);
    if (isUnset(s.cachingMode)) e.set('cachingMode', 'ReadWrite');
    if (isUnset(s.fsType)) e.set('fsType', 'ext4');
    if (isUnset(s.readOnly)) e.set('readOnly', false);
    if (isUnset(s.kind)) e.set('kind', 'Shared');
    return e.done();
  });
  edit.child('ephemeral', (eph) =>
    new Edit(eph)
      .child('volumeClaimTemplate', (t) =>
        new Edit(t)
          .child('spec', (s) =>
            isUnset(s.volumeMode) ? new Edit(s).set('volumeMode', 'Filesystem').done() : s,
          )
          .done(),
      )
      .done(),
  );
  if (featureEnabled('ImageVolume', target)) {
    edit.child('image', (img) =>
      isUnsetString(img.pullPolicy)
        ? new Edit(img).set('pullPolicy', pullPolicyFor(img.reference)).done()
        : img,
    );
  }
  return edit.done();
}

function defaultDownwardItem(item: Obj): Obj {
  return new Edit(item).child('fieldRef', defaultFieldRef).done();
}

/** Sets each of `values` whose field is an unset string. */
function defaults(source: Obj, values: Record<string, string>): Obj {
  const edit = new Edit(source);
  for (const [key, value] of Object.entries(values)) {
    if (isUnsetString(source[key])) edit.set(key, value);
  }
  return edit.done();
}
