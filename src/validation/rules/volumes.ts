import { Rule } from '../rule';
import { eachContainer } from './pod-walk';
import { obj, objs, str } from '../read';
import { dns1123LabelProblem } from '../syntax';

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
