/**
 * The volume rules: what each reports (field, one line, message), what they accept, and that
 * no value of any type in a volume or mount makes them throw.
 */
import fc from 'fast-check';
import { validateManifest } from '../../src/validation/validate-manifest';
import { Problem } from '../../src/validation/problem';

type Json = Record<string, any>;

const P = 'spec.template.spec';

function job(pod: Json = {}, container: Json = {}): Json {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'vol', namespace: 'default' },
    spec: {
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'registry.example/app:1.0', ...container }],
          ...pod,
        },
      },
    },
  };
}

/** The errors of the volume rules only. */
function volumeErrors(manifest: Json, targetVersion?: `1.${number}`): Problem[] {
  return validateManifest(manifest, {
    targetVersion,
    allow: ['image-tag', 'secret-literal', 'pod-security', 'cronjob-overlap'],
  }).filter((p) => p.rule === 'pod-volumes' || p.rule.startsWith('volume-'));
}

function one(manifest: Json, targetVersion?: `1.${number}`): Problem {
  const errors = volumeErrors(manifest, targetVersion);
  expect(errors).toHaveLength(1);
  return errors[0];
}

const withVolume = (volume: Json, container: Json = {}) =>
  job({ volumes: [{ name: 'v', ...volume }] }, container);

describe('volumes', () => {
  it('leaves a volume without a source to the server, which gives it an emptyDir', () => {
    expect(
      volumeErrors(withVolume({}, { volumeMounts: [{ name: 'v', mountPath: '/v' }] })),
    ).toEqual([]);
  });

  it('names each extra source', () => {
    const errors = volumeErrors(withVolume({ emptyDir: {}, secret: { secretName: 's' } }));
    expect(errors.map((e) => e.field)).toEqual([`${P}.volumes[0].secret`]);
    expect(errors[0].message).toContain('already has emptyDir');
  });

  it('reports a duplicate name once, on the second volume', () => {
    const errors = volumeErrors(
      job({
        volumes: [
          { name: 'a', emptyDir: {} },
          { name: 'a', emptyDir: {} },
        ],
      }),
    );
    expect(errors.map((e) => e.field)).toEqual([`${P}.volumes[1].name`]);
  });

  it('explains a decimal 644 file mode', () => {
    const p = one(withVolume({ secret: { secretName: 's', defaultMode: 644 } }));
    expect(p.field).toBe(`${P}.volumes[0].secret.defaultMode`);
    expect(p.fix).toContain('420');
  });

  it('accepts file modes 0 to 0777', () => {
    for (const mode of [0, 0o400, 0o644, 0o777])
      expect(volumeErrors(withVolume({ configMap: { name: 'c', defaultMode: mode } }))).toEqual([]);
  });

  it('keeps the index of an item as written when the list holds junk', () => {
    const p = one(
      withVolume({ secret: { secretName: 's', items: [null, { key: 'k', path: '../x' }] } }),
    );
    expect(p.field).toBe(`${P}.volumes[0].secret.items[1].path`);
  });

  it('requires an absolute NFS export path, once when it is empty', () => {
    expect(one(withVolume({ nfs: { server: 'nfs', path: 'data' } })).field).toBe(
      `${P}.volumes[0].nfs.path`,
    );
    expect(one(withVolume({ nfs: { server: 'nfs', path: '' } })).message).toBe('is required');
  });

  it('refuses a negative emptyDir sizeLimit and accepts zero', () => {
    expect(one(withVolume({ emptyDir: { sizeLimit: '-1Gi' } })).field).toBe(
      `${P}.volumes[0].emptyDir.sizeLimit`,
    );
    expect(volumeErrors(withVolume({ emptyDir: { sizeLimit: '0' } }))).toEqual([]);
  });

  it('warns of an emptyDir medium the kubelet does not know (family 2)', () => {
    const p = one(withVolume({ emptyDir: { medium: 'tmpfs' } }));
    expect([p.rule, p.family]).toEqual(['volume-empty-dir-medium', 2]);
    for (const medium of ['', 'Memory', 'HugePages', 'HugePages-2Mi'])
      expect(volumeErrors(withVolume({ emptyDir: { medium } }))).toEqual([]);
  });

  it('checks image volumes only where the feature is on by default', () => {
    const bad = withVolume({ image: { reference: 'r:1', pullPolicy: 'Sometimes' } });
    expect(volumeErrors(bad, '1.34')).toEqual([]);
    expect(one(bad, '1.35').field).toBe(`${P}.volumes[0].image.pullPolicy`);
    const noRef = one(withVolume({ image: {} }), '1.35');
    expect([noRef.rule, noRef.family]).toEqual(['volume-image-reference', 2]);
  });

  it('refuses a lower-case CSI driver name only when it is not a DNS subdomain', () => {
    expect(volumeErrors(withVolume({ csi: { driver: 'Secrets-Store.CSI.k8s.io' } }))).toEqual([]);
    expect(one(withVolume({ csi: { driver: 'a_b' } })).field).toBe(`${P}.volumes[0].csi.driver`);
  });

  it('defaults an Azure disk to Shared, which needs an https URI', () => {
    expect(
      one(withVolume({ azureDisk: { diskName: 'd', diskURI: '/subscriptions/x/disks/d' } })).field,
    ).toBe(`${P}.volumes[0].azureDisk.diskURI`);
    expect(
      volumeErrors(
        withVolume({
          azureDisk: { diskName: 'd', diskURI: '/subscriptions/x/d', kind: 'Managed' },
        }),
      ),
    ).toEqual([]);
  });
});

describe('downwardAPI and projected volumes', () => {
  const file = (item: Json) => withVolume({ downwardAPI: { items: [{ path: 'f', ...item }] } });

  it('sends node and pod IP fields to env vars', () => {
    const p = one(file({ fieldRef: { fieldPath: 'status.podIP' } }));
    expect(p.fix).toContain('environment variable');
  });

  it('refuses unknown fields and subscripts on plain fields', () => {
    expect(one(file({ fieldRef: { fieldPath: 'metadata.whoops' } })).message).toContain('knows');
    expect(one(file({ fieldRef: { fieldPath: "metadata.name['x']" } })).message).toContain(
      'subscript',
    );
  });

  it('needs a container for a resourceFieldRef, and a valid divisor', () => {
    expect(one(file({ resourceFieldRef: { resource: 'limits.cpu' } })).field).toBe(
      `${P}.volumes[0].downwardAPI.items[0].resourceFieldRef.containerName`,
    );
    const ref = (divisor: unknown, resource = 'limits.memory') =>
      file({ resourceFieldRef: { containerName: 'main', resource, divisor } });
    for (const divisor of ['1Mi', '1024Ki', '1', '1k', '1000', '1G'])
      expect(volumeErrors(ref(divisor))).toEqual([]);
    for (const divisor of ['2Mi', '1024', '1e3', '1m'])
      expect(one(ref(divisor)).field).toContain('divisor');
    expect(volumeErrors(ref('1m', 'requests.cpu'))).toEqual([]);
    expect(one(ref('1k', 'requests.cpu')).field).toContain('divisor');
  });

  it('bounds the lifetime of a projected token', () => {
    const token = (extra: Json) =>
      withVolume({ projected: { sources: [{ serviceAccountToken: { path: 't', ...extra } }] } });
    expect(volumeErrors(token({}))).toEqual([]);
    expect(volumeErrors(token({ expirationSeconds: 600 }))).toEqual([]);
    expect(one(token({ expirationSeconds: 599 })).fix).toContain('3600');
    expect(one(token({ expirationSeconds: 2 ** 32 + 1 })).message).toContain('2^32');
    expect(one(token({ path: '/abs' })).field).toContain('serviceAccountToken.path');
  });

  it('refuses a file projected twice, naming the second', () => {
    const p = one(
      withVolume({
        projected: {
          sources: [
            { configMap: { name: 'a', items: [{ key: 'k', path: 'same' }] } },
            { secret: { name: 'b', items: [{ key: 'k', path: 'same' }] } },
          ],
        },
      }),
    );
    expect(p.field).toBe(`${P}.volumes[0].projected.sources[1].secret.items[0].path`);
  });
});

describe('generic ephemeral volumes', () => {
  const claim = (template: Json) => withVolume({ ephemeral: { volumeClaimTemplate: template } });
  const spec = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } };

  it('requires the template', () => {
    expect(one(withVolume({ ephemeral: {} })).field).toBe(
      `${P}.volumes[0].ephemeral.volumeClaimTemplate`,
    );
  });

  it('refuses a claim name, which the server derives from the pod', () => {
    const p = one(claim({ metadata: { name: 'data' }, spec }));
    expect(p.field).toContain('metadata.name');
    expect(p.fix).toContain('<pod name>-<volume name>');
  });

  it('accepts empty metadata fields tools emit', () => {
    expect(
      volumeErrors(claim({ metadata: { creationTimestamp: null, name: '', labels: {} }, spec })),
    ).toEqual([]);
  });

  it('reports a missing spec once', () => {
    expect(one(claim({})).field).toBe(`${P}.volumes[0].ephemeral.volumeClaimTemplate.spec`);
  });
});

describe('volume mounts and devices', () => {
  const pvc = { name: 'data', persistentVolumeClaim: { claimName: 'data' } };

  it('names the volumes to choose from when a mount names none of them', () => {
    const p = one(job({ volumes: [pvc] }, { volumeMounts: [{ name: 'dat', mountPath: '/d' }] }));
    expect(p.field).toBe(`${P}.containers[0].volumeMounts[0].name`);
    expect(p.fix).toBe('use one of: data');
  });

  it('does not report a mount of a volume that has its own mistake', () => {
    const errors = volumeErrors(
      job(
        { volumes: [{ name: 'cfg', configMap: {} }] },
        { volumeMounts: [{ name: 'cfg', mountPath: '/c' }] },
      ),
    );
    expect(errors.map((e) => e.field)).toEqual([`${P}.volumes[0].configMap.name`]);
  });

  it('checks init containers too', () => {
    const m = job({ volumes: [pvc], initContainers: [{ name: 'init', image: 'busybox:1.36' }] });
    m.spec.template.spec.initContainers[0].volumeMounts = [{ name: 'data', mountPath: '' }];
    expect(one(m).field).toBe(`${P}.initContainers[0].volumeMounts[0].mountPath`);
  });

  it('reports subPath with subPathExpr once', () => {
    const p = one(
      job(
        { volumes: [pvc] },
        { volumeMounts: [{ name: 'data', mountPath: '/d', subPath: 'a', subPathExpr: '/b' }] },
      ),
    );
    expect(p.field).toBe(`${P}.containers[0].volumeMounts[0].subPathExpr`);
  });

  it('allows Bidirectional propagation only to privileged containers', () => {
    const mount = {
      volumeMounts: [{ name: 'data', mountPath: '/d', mountPropagation: 'Bidirectional' }],
    };
    expect(one(job({ volumes: [pvc] }, mount)).fix).toContain('privileged');
    expect(
      volumeErrors(job({ volumes: [pvc] }, { ...mount, securityContext: { privileged: true } })),
    ).toEqual([]);
  });

  it('checks recursiveReadOnly from 1.31, when it is on by default', () => {
    const m = job(
      { volumes: [pvc] },
      { volumeMounts: [{ name: 'data', mountPath: '/d', recursiveReadOnly: 'Enabled' }] },
    );
    expect(volumeErrors(m, '1.30')).toEqual([]);
    expect(one(m, '1.31').fix).toBe('add readOnly: true');
  });

  it('reports a volume used as both a mount and a device once, on the device', () => {
    const p = one(
      job(
        { volumes: [pvc] },
        {
          volumeMounts: [{ name: 'data', mountPath: '/d' }],
          volumeDevices: [{ name: 'data', devicePath: '/dev/xvdb' }],
        },
      ),
    );
    expect(p.field).toBe(`${P}.containers[0].volumeDevices[0].name`);
  });

  it('accepts a block device from an ephemeral volume', () => {
    const volume = {
      name: 'raw',
      ephemeral: {
        volumeClaimTemplate: {
          spec: {
            accessModes: ['ReadWriteOnce'],
            volumeMode: 'Block',
            resources: { requests: { storage: '1Gi' } },
          },
        },
      },
    };
    expect(
      volumeErrors(
        job({ volumes: [volume] }, { volumeDevices: [{ name: 'raw', devicePath: '/dev/xvdb' }] }),
      ),
    ).toEqual([]);
  });
});

describe('junk values', () => {
  const junk = fc.oneof(
    fc.anything(),
    fc.constantFrom('', '..', '/', '../x', 'Bidirectional', 'Enabled', '-1Gi', 'HugePages-x'),
    fc.integer(),
    fc.constant({ toString: 1, __proto__: null, constructor: 'x' }),
  );
  const volumeKeys = fc.constantFrom(
    'name',
    'emptyDir',
    'hostPath',
    'secret',
    'configMap',
    'nfs',
    'persistentVolumeClaim',
    'csi',
    'image',
    'projected',
    'downwardAPI',
    'ephemeral',
    'iscsi',
    'fc',
    'quobyte',
    'azureDisk',
    'storageos',
    'flexVolume',
    'rbd',
    'flocker',
  );
  const sourceKeys = fc.constantFrom(
    'items',
    'defaultMode',
    'path',
    'type',
    'sizeLimit',
    'medium',
    'sources',
    'driver',
    'nodePublishSecretRef',
    'volumeClaimTemplate',
    'reference',
    'pullPolicy',
    'targetWWNs',
    'lun',
    'registry',
    'options',
    'kind',
    'diskURI',
    'secretName',
    'name',
    'server',
    'iqn',
    'initiatorName',
  );
  const source = fc.dictionary(sourceKeys, junk);
  const volume = fc.dictionary(volumeKeys, fc.oneof(junk, source));
  const mountKeys = fc.constantFrom(
    'name',
    'mountPath',
    'subPath',
    'subPathExpr',
    'mountPropagation',
    'recursiveReadOnly',
    'readOnly',
    'devicePath',
  );
  const mount = fc.dictionary(mountKeys, junk);

  it('never make the rules throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(fc.oneof(volume, junk)), junk),
        fc.oneof(fc.array(fc.oneof(mount, junk)), junk),
        fc.oneof(fc.array(mount), junk),
        fc.constantFrom('1.27', '1.31', '1.34', '1.35') as fc.Arbitrary<`1.${number}`>,
        (volumes, volumeMounts, volumeDevices, version) => {
          expect(() =>
            validateManifest(job({ volumes }, { volumeMounts, volumeDevices }), {
              targetVersion: version,
            }),
          ).not.toThrow();
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never make the rules throw on deep junk inside sources', () => {
    const deep = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        junk,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.oneof(sourceKeys, fc.string()), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(volumeKeys, deep, (key, value) => {
        expect(() => validateManifest(withVolume({ [key]: value }))).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });
});
