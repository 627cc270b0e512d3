/**
 * The security rules: image names, runAsNonRoot on root and unknown images, the messages of
 * each rule, and that random junk in the security fields never throws.
 */
import fc from 'fast-check';
import { validateManifest, ValidationOptions } from '../../src/validation/validate-manifest';
import { parseImage, runsAsNumericNonRoot, runsAsRoot } from '../../src/validation/root-images';
import { sysctlNamespace } from '../../src/validation/rules/security-sysctls';

type Manifest = Record<string, any>;

function job(pod: Manifest = {}, container: Manifest = {}): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'sec', namespace: 'default' },
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

const P = 'spec.template.spec';
const C = `${P}.containers[0]`;

/** The problems of the security rules only, as [rule, field, severity]. */
function found(manifest: Manifest, options: ValidationOptions = {}): string[][] {
  const mine =
    /^(security-|container-security|pod-security-context|seccomp|apparmor|pod-sysctls|sysctl-|windows-|run-as-non-root|read-only-root)/;
  return validateManifest(manifest, options)
    .filter((p) => mine.test(p.rule))
    .map((p) => [p.rule, p.field, p.severity]);
}

function messages(manifest: Manifest, options: ValidationOptions = {}): string[] {
  return validateManifest(manifest, options).map((p) => `${p.rule} ${p.field}: ${p.message}`);
}

describe('image names', () => {
  test.each([
    ['python', 'python', true],
    ['python:3.12-slim', 'python', true],
    ['docker.io/library/python:3.12', 'python', true],
    ['docker.io/python', 'python', true],
    ['index.docker.io/library/busybox@sha256:abc', 'busybox', true],
    ['public.ecr.aws/docker/library/node:20', 'node', true],
    ['harbor.example.com/dockerhub-proxy/library/golang:1.22', 'golang', true],
    ['localhost:5000/python:3.12', 'python', false],
    ['ghcr.io/acme/python:3.12', 'python', false],
    ['acme/python:3.12', 'python', false],
    ['registry.example/app:1.0', 'app', false],
  ])('%s is %s (library: %s)', (image, name, library) => {
    const parsed = parseImage(image);
    expect(parsed?.name).toBe(name);
    expect(parsed?.library).toBe(library);
  });

  test('tags, digests and registries with ports', () => {
    expect(parseImage('localhost:5000/team/app:2.1@sha256:00ff')).toEqual({
      registry: 'localhost:5000',
      path: 'team/app',
      name: 'app',
      tag: '2.1',
      digest: 'sha256:00ff',
      library: false,
    });
    expect(parseImage('   ')).toBeUndefined();
    expect(parseImage('ghcr.io/')).toBeUndefined();
  });

  test('root images and numeric non-root images', () => {
    expect(runsAsRoot(parseImage('ubuntu:24.04'))).toBe(true);
    expect(runsAsRoot(parseImage('postgres:16'))).toBe(true);
    expect(runsAsRoot(parseImage('ghcr.io/acme/ubuntu:24.04'))).toBe(false);
    expect(runsAsRoot(parseImage('bitnami/kubectl:1.30'))).toBe(false);
    expect(runsAsNumericNonRoot(parseImage('gcr.io/distroless/static:nonroot'))).toBe(true);
    expect(runsAsNumericNonRoot(parseImage('gcr.io/distroless/python3:debug-nonroot'))).toBe(true);
    expect(runsAsNumericNonRoot(parseImage('gcr.io/distroless/static:latest'))).toBe(false);
  });
});

describe('runAsNonRoot', () => {
  const nonRoot = { securityContext: { runAsNonRoot: true } };

  test('a root image without runAsUser is an error that says why', () => {
    const m = job(nonRoot, { image: 'python:3.12-slim' });
    expect(found(m)).toEqual([['run-as-non-root-user', `${C}.securityContext.runAsUser`, 'error']]);
    expect(messages(m).join('\n')).toContain('python:3.12-slim runs as root');
  });

  test('an image of unknown USER is a warning that says how to be sure', () => {
    const m = job(nonRoot, { image: 'ghcr.io/acme/etl:3.2.0' });
    expect(found(m)).toEqual([
      ['run-as-non-root-unverified', `${C}.securityContext.runAsUser`, 'warning'],
    ]);
    const problem = validateManifest(m).find((p) => p.rule === 'run-as-non-root-unverified');
    expect(problem?.message).toContain('root or not numeric');
    expect(problem?.fix).toContain('numeric, non-zero USER');
  });

  test('runAsUser set (pod or container), distroless nonroot, or a Windows pod: nothing', () => {
    const withUser = { securityContext: { runAsNonRoot: true, runAsUser: 1000 } };
    expect(found(job(withUser, { image: 'python:3.12' }))).toEqual([]);
    expect(
      found(job(nonRoot, { image: 'python:3.12', securityContext: { runAsUser: 1000 } })),
    ).toEqual([]);
    expect(found(job(nonRoot, { image: 'gcr.io/distroless/static-debian12:nonroot' }))).toEqual([]);
    expect(found(job({ ...nonRoot, os: { name: 'windows' } }, { image: 'python:3.12' }))).toEqual(
      [],
    );
  });

  test('the container overrides the pod', () => {
    const m = job(nonRoot, { image: 'python:3.12', securityContext: { runAsNonRoot: false } });
    expect(found(m)).toEqual([]);
  });

  test('runAsUser 0 names where it is written', () => {
    const m = job({ securityContext: { runAsNonRoot: true, runAsUser: 0 } });
    expect(found(m)).toEqual([['run-as-non-root-user', `${P}.securityContext.runAsUser`, 'error']]);
  });
});

describe('read-only root without /tmp', () => {
  const readOnly = { securityContext: { readOnlyRootFilesystem: true, runAsUser: 1000 } };

  test('an interpreter image without a writable /tmp', () => {
    expect(found(job({}, { image: 'docker.io/library/python:3.12', ...readOnly }))).toEqual([
      ['read-only-root-tmp', `${C}.volumeMounts`, 'error'],
    ]);
  });

  test('a writable /tmp, or TMPDIR on a writable mount, is enough', () => {
    const tmp = { volumeMounts: [{ name: 'tmp', mountPath: '/tmp/' }] };
    const scratch = {
      volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }],
      env: [{ name: 'TMPDIR', value: '/scratch/tmp' }],
    };
    expect(found(job({}, { image: 'python:3.12', ...readOnly, ...tmp }))).toEqual([]);
    expect(found(job({}, { image: 'python:3.12', ...readOnly, ...scratch }))).toEqual([]);
    expect(found(job({}, { image: 'ghcr.io/acme/static-binary:1.0', ...readOnly }))).toEqual([]);
  });
});

describe('security contexts the API server rejects', () => {
  test('ids out of range, one line each', () => {
    const m = job(
      { securityContext: { runAsUser: -1, supplementalGroups: [1, 2147483648] } },
      { securityContext: { runAsGroup: -2 } },
    );
    expect(found(m)).toEqual([
      ['security-context-ids', `${P}.securityContext.runAsUser`, 'error'],
      ['security-context-ids', `${P}.securityContext.supplementalGroups[1]`, 'error'],
      ['security-context-ids', `${C}.securityContext.runAsGroup`, 'error'],
    ]);
  });

  test('CAP_SYS_ADMIN without privilege escalation; SYS_ADMIN is accepted', () => {
    const sc = (add: string[]) => ({
      securityContext: { allowPrivilegeEscalation: false, capabilities: { add } },
    });
    expect(found(job({}, sc(['NET_ADMIN', 'CAP_SYS_ADMIN'])))).toEqual([
      ['container-security-context', `${C}.securityContext.capabilities.add[1]`, 'error'],
    ]);
    expect(found(job({}, sc(['SYS_ADMIN'])))).toEqual([]);
  });

  test('procMount Unmasked needs hostUsers false from 1.33, and is dropped before', () => {
    const c = { securityContext: { procMount: 'Unmasked' } };
    expect(found(job({}, c), { targetVersion: '1.33' })).toEqual([
      ['container-security-context', `${C}.securityContext.procMount`, 'error'],
    ]);
    expect(found(job({ hostUsers: false }, c), { targetVersion: '1.33' })).toEqual([]);
    expect(found(job({}, c), { targetVersion: '1.32' })).toEqual([
      ['security-field-served', `${C}.securityContext.procMount`, 'error'],
    ]);
  });

  test('seLinuxChangePolicy MountOption is refused while SELinuxMount is off by default', () => {
    const m = job({ securityContext: { seLinuxChangePolicy: 'MountOption' } });
    expect(found(m, { targetVersion: '1.34' })).toEqual([
      ['pod-security-context-policies', `${P}.securityContext.seLinuxChangePolicy`, 'error'],
    ]);
    expect(found(m, { targetVersion: '1.32' })).toEqual([
      ['security-field-served', `${P}.securityContext.seLinuxChangePolicy`, 'error'],
    ]);
  });

  test('seccomp annotations and fields', () => {
    const m = job({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } } });
    m.spec.template.metadata = {
      annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' },
    };
    expect(messages(m)).toEqual([
      `seccomp-profile ${P}.securityContext.seccompProfile.type: does not match the annotation (unconfined)`,
    ]);
  });

  test('AppArmor field served from 1.30', () => {
    const m = job({ securityContext: { appArmorProfile: { type: 'Bogus' } } });
    expect(found(m, { targetVersion: '1.30' })).toEqual([
      ['apparmor-profile', `${P}.securityContext.appArmorProfile.type`, 'error'],
    ]);
    expect(found(m, { targetVersion: '1.29' })).toEqual([
      ['security-field-served', `${P}.securityContext.appArmorProfile`, 'error'],
    ]);
  });
});

describe('sysctls', () => {
  const pod = (name: string, extra: Manifest = {}) => ({
    securityContext: { sysctls: [{ name, value: '1' }] },
    ...extra,
  });

  test('namespaces, with / separators', () => {
    expect(sysctlNamespace('net.core.somaxconn')).toBe('net');
    expect(sysctlNamespace('net/ipv4/conf/eth0.100/rp_filter')).toBe('net');
    expect(sysctlNamespace('kernel.shmmax')).toBe('ipc');
    expect(sysctlNamespace('fs.mqueue.msg_max')).toBe('ipc');
    expect(sysctlNamespace('vm.max_map_count')).toBeUndefined();
  });

  test('safe: nothing; unsafe: a warning; not namespaced: an error; invalid: one line', () => {
    expect(found(job(pod('net.ipv4.tcp_syncookies')))).toEqual([]);
    expect(found(job(pod('net.core.somaxconn')))).toEqual([
      ['sysctl-unsafe', `${P}.securityContext.sysctls[0].name`, 'warning'],
    ]);
    expect(found(job(pod('vm.swappiness')))).toEqual([
      ['sysctl-not-namespaced', `${P}.securityContext.sysctls[0].name`, 'error'],
    ]);
    expect(found(job(pod('Vm.Swappiness')))).toEqual([
      ['pod-sysctls', `${P}.securityContext.sysctls[0].name`, 'error'],
    ]);
  });
});

describe('Windows options', () => {
  test('runAsUserName and GMSA specs', () => {
    const m = job({
      securityContext: { windowsOptions: { runAsUserName: 'DOMAIN\\svc\\x' } },
    });
    expect(messages(m)).toEqual([
      `windows-security-options ${P}.securityContext.windowsOptions.runAsUserName: must not contain more than one backslash`,
    ]);
    expect(
      found(job({ securityContext: { windowsOptions: { runAsUserName: 'CORP\\svc-batch' } } })),
    ).toEqual([]);
  });

  test('a hostProcess pod: every container, and hostNetwork', () => {
    const m = job(
      { securityContext: { windowsOptions: { hostProcess: true } }, hostNetwork: true },
      { securityContext: { windowsOptions: { hostProcess: true } } },
    );
    expect(found(m)).toEqual([]);
    m.spec.template.spec.hostNetwork = false;
    expect(found(m)).toEqual([['windows-host-process', `${P}.hostNetwork`, 'error']]);
  });
});

describe('untrusted input', () => {
  const junk = fc.oneof(
    fc.anything(),
    fc.constantFrom('__proto__', 'constructor', 'toString', null, [], {}, -1, 1e300),
  );
  const securityKeys = fc.constantFrom(
    'runAsUser',
    'runAsGroup',
    'fsGroup',
    'supplementalGroups',
    'sysctls',
    'seccompProfile',
    'appArmorProfile',
    'windowsOptions',
    'procMount',
    'capabilities',
    'runAsNonRoot',
    'readOnlyRootFilesystem',
    'allowPrivilegeEscalation',
    'privileged',
    'seLinuxChangePolicy',
    'supplementalGroupsPolicy',
    'fsGroupChangePolicy',
  );

  test('random values in the security fields never throw', () => {
    fc.assert(
      fc.property(
        fc.dictionary(securityKeys, junk),
        fc.dictionary(securityKeys, junk),
        junk,
        junk,
        junk,
        (podSC, containerSC, image, annotations, sc) => {
          const m = job(
            { securityContext: podSC, hostNetwork: sc },
            { securityContext: containerSC, image },
          );
          m.spec.template.metadata = { annotations };
          expect(() => validateManifest(m)).not.toThrow();
          const whole = job({ securityContext: sc }, { securityContext: sc });
          expect(() => validateManifest(whole, { targetVersion: '1.29' })).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});
