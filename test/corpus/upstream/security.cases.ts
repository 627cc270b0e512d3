/**
 * Security: upstream's tables for ValidateSecurityContext, validateWindowsSecurityContextOptions,
 * validateWindowsHostProcessPod and ValidateAppArmorProfileFormat (validation_test.go), the
 * branches of validateSysctls, validateSeccompProfileField, ValidateAppArmorProfileField, the
 * annotation checks and validatePodSpecSecurityContext (validation.go; `from` names the
 * function when no test table holds the case), and the kubelet's refusals (family 2).
 */
import { UpstreamCase } from './case';

const P = 'spec.template.spec';
const C = `${P}.containers[0]`;
const ANN = 'spec.template.metadata.annotations';
const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/main';
const IMAGE = 'registry.example/app:1.0';

const reject = (from: string, field: string, patch: Partial<UpstreamCase>): UpstreamCase => ({
  from,
  verdict: 'reject',
  field,
  ...patch,
});

const accept = (from: string, patch: Partial<UpstreamCase>): UpstreamCase => ({
  from,
  verdict: 'accept',
  ...patch,
});

/** TestValidateSecurityContext's fullValidSC, with changes (a `$delete` value removes the key). */
function sc(extra: Record<string, unknown> = {}): object {
  const context: Record<string, unknown> = {
    privileged: false,
    capabilities: { add: ['foo'], drop: ['bar'] },
    seLinuxOptions: { user: 'user', role: 'role', type: 'type', level: 'level' },
    runAsUser: 1,
    ...extra,
  };
  for (const key of Object.keys(context)) if (context[key] === '$delete') delete context[key];
  return { securityContext: context };
}

const SC = 'TestValidateSecurityContext';
const securityContext: UpstreamCase[] = [
  accept(`${SC}/all settings`, { container: sc() }),
  accept(`${SC}/no capabilities`, { container: sc({ capabilities: '$delete' }) }),
  accept(`${SC}/no selinux`, { container: sc({ seLinuxOptions: '$delete' }) }),
  accept(`${SC}/no priv request`, { container: sc({ privileged: '$delete' }) }),
  accept(`${SC}/no run as user`, { container: sc({ runAsUser: '$delete' }) }),
  accept(`${SC}/proc mount set`, { container: sc({ procMount: 'Default' }) }),
  accept(`${SC}/proc mount unmasked`, {
    container: sc({ procMount: 'Unmasked' }),
    pod: { hostUsers: false },
  }),
  reject(`${SC}/negative RunAsUser`, `${C}.securityContext.runAsUser`, {
    container: sc({ runAsUser: -1 }),
  }),
  reject(`${SC}/with CAP_SYS_ADMIN and allowPrivilegeEscalation false`, `${C}.securityContext`, {
    container: sc({
      capabilities: { add: ['CAP_SYS_ADMIN'], drop: ['bar'] },
      allowPrivilegeEscalation: false,
    }),
  }),
  reject(`${SC}/with privileged and allowPrivilegeEscalation false`, `${C}.securityContext`, {
    container: sc({ privileged: true, allowPrivilegeEscalation: false }),
  }),
  reject(
    `${SC}/with unmasked proc mount type and no user namespace`,
    `${C}.securityContext.procMount`,
    { container: sc({ procMount: 'Unmasked' }) },
  ),
];

const WO = 'TestValidateWindowsSecurityContextOptions';
const W = `${C}.securityContext.windowsOptions`;
const windowsOptions = (options: object): object => ({
  securityContext: { windowsOptions: options },
});
const windowsAccept = (name: string, options: object): UpstreamCase =>
  accept(`${WO}/${name}`, { container: windowsOptions(options) });
const windowsReject = (name: string, field: string, options: object): UpstreamCase =>
  reject(`${WO}/${name}`, `${W}.${field}`, { container: windowsOptions(options) });
const windows: UpstreamCase[] = [
  windowsAccept('an empty struct', {}),
  windowsAccept('a valid input', {
    gmsaCredentialSpecName: 'dummy-gmsa-crep-spec-name',
    gmsaCredentialSpec: 'dummy-gmsa-crep-spec-contents',
  }),
  windowsAccept('a valid RunAsUserName', { runAsUserName: 'Container. User' }),
  windowsAccept('a valid RunAsUserName with NetBios Domain', {
    runAsUserName: 'Network Service\\Container. User',
  }),
  windowsAccept('a valid RunAsUserName with DNS Domain', {
    runAsUserName: `${'fOo'.repeat(20)}.liSH\\Container. User`,
  }),
  windowsAccept('a valid RunAsUserName with DNS Domain with a single character segment', {
    runAsUserName: `${'fOo'.repeat(20)}.l\\Container. User`,
  }),
  windowsAccept('a valid RunAsUserName with a long single segment DNS Domain', {
    runAsUserName: `${'a'.repeat(42)}\\Container. User`,
  }),
  windowsReject(
    'a GMSA cred spec name that is not a valid resource name',
    'gmsaCredentialSpecName',
    {
      gmsaCredentialSpecName: 'not_a-valid-gmsa-crep-spec-name',
    },
  ),
  windowsReject('empty GMSA cred spec contents', 'gmsaCredentialSpec', { gmsaCredentialSpec: '' }),
  windowsReject('GMSA cred spec contents that are too long', 'gmsaCredentialSpec', {
    gmsaCredentialSpec: 'a'.repeat(64 * 1024 + 1),
  }),
  windowsReject('an empty RunAsUserName', 'runAsUserName', { runAsUserName: '' }),
  windowsReject('RunAsUserName containing a control character', 'runAsUserName', {
    runAsUserName: 'Container\tUser',
  }),
  windowsReject('RunAsUserName containing too many backslashes', 'runAsUserName', {
    runAsUserName: 'Container\\Foo\\Lish',
  }),
  windowsReject('RunAsUserName containing backslash but empty Domain', 'runAsUserName', {
    runAsUserName: '\\User',
  }),
  windowsReject('RunAsUserName containing backslash but empty User', 'runAsUserName', {
    runAsUserName: 'Container\\',
  }),
  windowsReject("RunAsUserName's NetBios Domain is too long", 'runAsUserName', {
    runAsUserName: `NetBios ${'a'.repeat(8)}\\user`,
  }),
  windowsReject("RunAsUserName's DNS Domain is too long", 'runAsUserName', {
    runAsUserName: `${`${'a'.repeat(63)}.`.repeat(4).slice(0, 253)}.com\\user`,
  }),
  windowsReject("RunAsUserName's User is too long", 'runAsUserName', {
    runAsUserName: 'a'.repeat(105),
  }),
  windowsReject("RunAsUserName's User cannot contain only spaces or periods", 'runAsUserName', {
    runAsUserName: '... ...',
  }),
  windowsReject("RunAsUserName's NetBios Domain cannot start with a dot", 'runAsUserName', {
    runAsUserName: '.FooLish\\User',
  }),
  windowsReject(
    "RunAsUserName's NetBios Domain cannot contain invalid characters",
    'runAsUserName',
    {
      runAsUserName: 'Foo? Lish?\\User',
    },
  ),
  windowsReject("RunAsUserName's DNS Domain cannot contain invalid characters", 'runAsUserName', {
    runAsUserName: `${'a'.repeat(32)}.com-\\user`,
  }),
  windowsReject("RunAsUserName's User cannot contain invalid characters", 'runAsUserName', {
    runAsUserName: 'Container/User',
  }),
];

const HP = 'TestValidateWindowsHostProcessPod';
const hp = (value: boolean): object => ({
  securityContext: { windowsOptions: { hostProcess: value } },
});
const podHP = (value: boolean): object => hp(value);
const init = (extra: object = {}): object => ({
  initContainers: [{ name: 'init', image: IMAGE, ...extra }],
});
const hostProcess: UpstreamCase[] = [
  reject(
    `${HP}/Spec with feature enabled, pod-wide HostProcess=true, and HostNetwork unset should not validate`,
    `${P}.hostNetwork`,
    { pod: podHP(true) },
  ),
  accept(
    `${HP}/Spec with feature enabled, pod-wide HostProcess=ture, and HostNetwork set should validate`,
    { pod: { ...podHP(true), hostNetwork: true } },
  ),
  accept(
    `${HP}/Spec with feature enabled, pod-wide HostProcess=ture, HostNetwork set, and containers setting HostProcess=true should validate`,
    { pod: { ...podHP(true), hostNetwork: true, ...init(hp(true)) }, container: hp(true) },
  ),
  accept(
    `${HP}/Spec with feature enabled, pod-wide HostProcess=nil, HostNetwork set, and all containers setting HostProcess=true should validate`,
    { pod: { hostNetwork: true, ...init(hp(true)) }, container: hp(true) },
  ),
  reject(
    `${HP}/Pods with feature enabled, some containers setting HostProcess=true, and others setting HostProcess=false should not validate`,
    `${P}.initContainers[0].securityContext.windowsOptions.hostProcess`,
    { pod: { hostNetwork: true, ...init(hp(false)) }, container: hp(true) },
  ),
  reject(
    `${HP}/Spec with feature enabled, some containers setting HostProcess=true, and other leaving HostProcess unset should not validate`,
    `${P}.initContainers[0].securityContext.windowsOptions.hostProcess`,
    { pod: { hostNetwork: true, ...init() }, container: hp(true) },
  ),
  reject(
    `${HP}/Spec with feature enabled, pod-wide HostProcess=true, some containers setting HostProcess=true, and init containers setting HostProcess=false should not validate`,
    `${P}.initContainers[0].securityContext.windowsOptions.hostProcess`,
    { pod: { ...podHP(true), hostNetwork: true, ...init(hp(false)) }, container: hp(true) },
  ),
  reject(
    `${HP}/Spec with feature enabled, pod-wide HostProcess=true, some containers setting HostProcess=true, and others setting HostProcess=false should not validate`,
    `${P}.containers[1].securityContext.windowsOptions.hostProcess`,
    {
      pod: {
        ...podHP(true),
        hostNetwork: true,
        containers: [
          { name: 'main', image: IMAGE, ...hp(true) },
          { name: 'second', image: IMAGE, ...hp(false) },
        ],
      },
    },
  ),
  accept(
    `${HP}/Spec with feature enabled, pod-wide HostProcess=true, some containers setting HostProcess=true, and others leaving HostProcess=nil should validate`,
    { pod: { ...podHP(true), hostNetwork: true, ...init() }, container: hp(true) },
  ),
  reject(
    `${HP}/Spec with feature enabled, pod-wide HostProcess=false, some contaienrs setting HostProccess=true should not validate`,
    `${C}.securityContext.windowsOptions.hostProcess`,
    { pod: { ...podHP(false), hostNetwork: true, ...init() }, container: hp(true) },
  ),
  reject(
    `${HP}/Pod's HostProcess set to true but all containers override to false should not validate`,
    `${C}.securityContext.windowsOptions.hostProcess`,
    { pod: { ...podHP(true), hostNetwork: true }, container: hp(false) },
  ),
];

const AA = 'TestValidateAppArmorProfileFormat';
const appArmorAnnotation = (value: string): object => ({ annotations: { [APPARMOR]: value } });
const appArmorFormat: UpstreamCase[] = [
  accept(`${AA}/empty`, { podMetadata: appArmorAnnotation('') }),
  accept(`${AA}/runtime/default`, { podMetadata: appArmorAnnotation('runtime/default') }),
  accept(`${AA}/unconfined`, { podMetadata: appArmorAnnotation('unconfined') }),
  reject(`${AA}/baz (missing local prefix)`, `${ANN}.${APPARMOR}`, {
    podMetadata: appArmorAnnotation('baz'),
  }),
  accept(`${AA}/localhost//usr/sbin/ntpd`, {
    podMetadata: appArmorAnnotation('localhost//usr/sbin/ntpd'),
  }),
  accept(`${AA}/localhost/foo-bar`, { podMetadata: appArmorAnnotation('localhost/foo-bar') }),
  reject('ValidateAppArmorPodAnnotations/container not found', `${ANN}`, {
    podMetadata: {
      annotations: { 'container.apparmor.security.beta.kubernetes.io/sidecar': 'runtime/default' },
    },
  }),
];

const SYS = 'TestValidateSysctls';
const sysctls = (...names: string[]): object => ({
  securityContext: { sysctls: names.map((name) => ({ name, value: '1' })) },
});
const S0 = `${P}.securityContext.sysctls[0].name`;
const sysctl: UpstreamCase[] = [
  accept(`${SYS}/valid net.foo.bar`, { pod: sysctls('net.foo.bar') }),
  accept(`${SYS}/valid kernel.shmmax`, { pod: sysctls('kernel.shmmax') }),
  accept(`${SYS}/valid net.ipv4.conf.enp3s0/200.forwarding`, {
    pod: sysctls('net.ipv4.conf.enp3s0/200.forwarding'),
  }),
  accept(`${SYS}/valid net/ipv4/conf/enp3s0.200/forwarding`, {
    pod: sysctls('net/ipv4/conf/enp3s0.200/forwarding'),
  }),
  reject(`${SYS}/invalid i..nvalid`, S0, { pod: sysctls('i..nvalid') }),
  reject(`${SYS}/invalid _invalid`, S0, { pod: sysctls('_invalid') }),
  reject(`${SYS}/empty name`, S0, { pod: sysctls('') }),
  reject(`${SYS}/name longer than 253`, S0, { pod: sysctls(`net.${'a'.repeat(250)}`) }),
  reject(`${SYS}/duplicates`, `${P}.securityContext.sysctls[1].name`, {
    pod: sysctls('kernel.shmmax', 'kernel.shmmax'),
  }),
  reject(`${SYS}/net sysctl with hostNetwork`, S0, {
    pod: { ...sysctls('net.ipv4.conf.enp3s0/200.forwarding'), hostNetwork: true },
  }),
  reject(`${SYS}/slash-separated net sysctl with hostNetwork`, S0, {
    pod: { ...sysctls('net/ipv4/conf/enp3s0.200/forwarding'), hostNetwork: true },
  }),
  reject(`${SYS}/kernel.shmmax with hostIPC`, S0, {
    pod: { ...sysctls('kernel.shmmax'), hostIPC: true },
  }),
  reject(`${SYS}/kernel.msgmax with hostIPC`, S0, {
    pod: { ...sysctls('kernel.msgmax'), hostIPC: true },
  }),
  accept(`${SYS}/kernel.shmmax with hostNetwork`, {
    pod: { ...sysctls('kernel.shmmax'), hostNetwork: true },
  }),
  reject('kubelet sysctl allowlist/vm.max_map_count is not namespaced', S0, {
    family: 2,
    pod: sysctls('vm.max_map_count'),
  }),
  reject('kubelet sysctl allowlist/fs.file-max is not namespaced', S0, {
    family: 2,
    pod: sysctls('fs.file-max'),
  }),
  accept('kubelet safe sysctls/net.ipv4.ip_unprivileged_port_start', {
    pod: sysctls('net.ipv4.ip_unprivileged_port_start'),
  }),
];

const SECCOMP = 'validateSeccompProfileField';
const podSeccomp = (profile: object): object => ({ securityContext: { seccompProfile: profile } });
const PS = `${P}.securityContext.seccompProfile`;
const seccomp: UpstreamCase[] = [
  accept(`${SECCOMP}/RuntimeDefault`, { pod: podSeccomp({ type: 'RuntimeDefault' }) }),
  accept(`${SECCOMP}/Localhost with a relative profile`, {
    pod: podSeccomp({ type: 'Localhost', localhostProfile: 'profiles/audit.json' }),
  }),
  accept(`${SECCOMP}/container Unconfined`, {
    container: { securityContext: { seccompProfile: { type: 'Unconfined' } } },
  }),
  reject(`${SECCOMP}/type missing`, `${PS}.type`, { pod: podSeccomp({}) }),
  reject(`${SECCOMP}/unknown type`, `${PS}.type`, { pod: podSeccomp({ type: 'Default' }) }),
  reject(`${SECCOMP}/Localhost without localhostProfile`, `${PS}.localhostProfile`, {
    pod: podSeccomp({ type: 'Localhost' }),
  }),
  reject(`${SECCOMP}/Localhost with an absolute path`, `${PS}.localhostProfile`, {
    pod: podSeccomp({ type: 'Localhost', localhostProfile: '/var/lib/kubelet/seccomp/a.json' }),
  }),
  reject(`${SECCOMP}/Localhost with ..`, `${C}.securityContext.seccompProfile.localhostProfile`, {
    container: {
      securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: '../a.json' } },
    },
  }),
  reject(`${SECCOMP}/localhostProfile with RuntimeDefault`, `${PS}.localhostProfile`, {
    pod: podSeccomp({ type: 'RuntimeDefault', localhostProfile: 'a.json' }),
  }),
  reject(
    'ValidateSeccompPodAnnotations/invalid pod annotation',
    `${ANN}.seccomp.security.alpha.kubernetes.io/pod`,
    { podMetadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'foo' } } },
  ),
  reject(
    'ValidateSeccompPodAnnotations/container annotation with ..',
    `${ANN}.container.seccomp.security.alpha.kubernetes.io/main`,
    {
      podMetadata: {
        annotations: { 'container.seccomp.security.alpha.kubernetes.io/main': 'localhost/../a' },
      },
    },
  ),
  accept('ValidateSeccompPodAnnotations/docker/default', {
    podMetadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'docker/default' } },
    pod: podSeccomp({ type: 'RuntimeDefault' }),
  }),
  reject('validateSeccompAnnotationsAndFields/pod type mismatch', `${PS}.type`, {
    podMetadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } },
    pod: podSeccomp({ type: 'Unconfined' }),
  }),
  reject(
    'validateSeccompAnnotationsAndFields/container profile mismatch',
    `${C}.securityContext.seccompProfile.localhostProfile`,
    {
      podMetadata: {
        annotations: { 'container.seccomp.security.alpha.kubernetes.io/main': 'localhost/a.json' },
      },
      container: {
        securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'b.json' } },
      },
    },
  ),
];

const AP = 'ValidateAppArmorProfileField';
const podAppArmor = (profile: object): object => ({
  securityContext: { appArmorProfile: profile },
});
const PA = `${P}.securityContext.appArmorProfile`;
const appArmor: UpstreamCase[] = [
  accept(`${AP}/RuntimeDefault`, { pod: podAppArmor({ type: 'RuntimeDefault' }) }),
  accept(`${AP}/container Localhost`, {
    container: {
      securityContext: {
        appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-apparmor-example-deny-write' },
      },
    },
  }),
  reject(`${AP}/Localhost without localhostProfile`, `${PA}.localhostProfile`, {
    pod: podAppArmor({ type: 'Localhost' }),
  }),
  reject(`${AP}/Localhost padded with whitespace`, `${PA}.localhostProfile`, {
    pod: podAppArmor({ type: 'Localhost', localhostProfile: ' deny-write ' }),
  }),
  reject(`${AP}/type missing`, `${PA}.type`, { pod: podAppArmor({}) }),
  reject(`${AP}/unknown type`, `${PA}.type`, { pod: podAppArmor({ type: 'Enforce' }) }),
  reject(`${AP}/localhostProfile with Unconfined`, `${PA}.localhostProfile`, {
    pod: podAppArmor({ type: 'Unconfined', localhostProfile: 'deny-write' }),
  }),
  reject(
    'validateAppArmorAnnotationsAndFieldsMatchOnCreate/pod field and annotation differ',
    `${C}.securityContext.appArmorProfile.type`,
    {
      podMetadata: appArmorAnnotation('runtime/default'),
      pod: podAppArmor({ type: 'Unconfined' }),
    },
  ),
  accept('validateAppArmorAnnotationsAndFieldsMatchOnCreate/field and annotation agree', {
    podMetadata: appArmorAnnotation('localhost/deny-write'),
    container: {
      securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'deny-write' } },
    },
  }),
  reject('pod dropDisabledFields/appArmorProfile before 1.30', PA, {
    family: 2,
    targetVersion: '1.29',
    pod: podAppArmor({ type: 'RuntimeDefault' }),
  }),
];

const PSC = 'validatePodSpecSecurityContext';
const podSC = (extra: object): object => ({ securityContext: extra });
const policies: UpstreamCase[] = [
  accept(`${PSC}/fsGroupChangePolicy OnRootMismatch`, {
    pod: podSC({ fsGroup: 2000, fsGroupChangePolicy: 'OnRootMismatch' }),
  }),
  reject(`${PSC}/fsGroupChangePolicy unknown`, `${P}.securityContext.fsGroupChangePolicy`, {
    pod: podSC({ fsGroupChangePolicy: 'Never' }),
  }),
  reject(`${PSC}/negative fsGroup`, `${P}.securityContext.fsGroup`, {
    pod: podSC({ fsGroup: -1 }),
  }),
  reject(`${PSC}/runAsGroup above 2147483647`, `${P}.securityContext.runAsGroup`, {
    pod: podSC({ runAsGroup: 2147483648 }),
  }),
  reject(`${PSC}/negative supplemental group`, `${P}.securityContext.supplementalGroups[1]`, {
    pod: podSC({ supplementalGroups: [1000, -5] }),
  }),
  accept(`${PSC}/supplementalGroupsPolicy Strict`, {
    pod: podSC({ supplementalGroups: [1000], supplementalGroupsPolicy: 'Strict' }),
  }),
  reject(
    `${PSC}/supplementalGroupsPolicy unknown`,
    `${P}.securityContext.supplementalGroupsPolicy`,
    {
      pod: podSC({ supplementalGroupsPolicy: 'Replace' }),
    },
  ),
  accept(`${PSC}/seLinuxChangePolicy Recursive`, {
    pod: podSC({ seLinuxChangePolicy: 'Recursive' }),
  }),
  reject(
    `${PSC}/seLinuxChangePolicy MountOption without SELinuxMount`,
    `${P}.securityContext.seLinuxChangePolicy`,
    { targetVersion: '1.34', pod: podSC({ seLinuxChangePolicy: 'MountOption' }) },
  ),
  reject(`${PSC}/seLinuxChangePolicy unknown`, `${P}.securityContext.seLinuxChangePolicy`, {
    pod: podSC({ seLinuxChangePolicy: 'Relabel' }),
  }),
  reject('pod dropDisabledFields/supplementalGroupsPolicy before 1.33', `${P}.securityContext`, {
    family: 2,
    targetVersion: '1.32',
    pod: podSC({ supplementalGroupsPolicy: 'Strict' }),
  }),
  reject('pod dropDisabledFields/procMount before 1.33', `${C}.securityContext.procMount`, {
    family: 2,
    targetVersion: '1.31',
    pod: { hostUsers: false },
    container: { securityContext: { procMount: 'Unmasked' } },
  }),
];

const KUBELET = 'kuberuntime verifyRunAsNonRoot';
const nonRoot = (image: string, extra: object = {}): Partial<UpstreamCase> => ({
  pod: { securityContext: { runAsNonRoot: true, ...extra } },
  container: { image },
});
const runAsNonRoot: UpstreamCase[] = [
  reject(`${KUBELET}/python image runs as root`, `${C}.securityContext.runAsUser`, {
    family: 2,
    ...nonRoot('python:3.12-slim'),
  }),
  reject(`${KUBELET}/docker.io/library/busybox runs as root`, `${C}.securityContext.runAsUser`, {
    family: 2,
    ...nonRoot('docker.io/library/busybox:1.36'),
  }),
  reject(`${KUBELET}/a mirror's library/postgres runs as root`, `${C}.securityContext.runAsUser`, {
    family: 2,
    ...nonRoot('public.ecr.aws/docker/library/postgres:16'),
  }),
  reject(`${KUBELET}/runAsUser 0 breaks non-root policy`, `${P}.securityContext.runAsUser`, {
    family: 2,
    ...nonRoot('registry.example/app:1.0', { runAsUser: 0 }),
  }),
  accept(`${KUBELET}/image of unknown USER (a warning, not an error)`, {
    ...nonRoot('ghcr.io/acme/ingest:2.0.0'),
  }),
  accept(`${KUBELET}/distroless nonroot`, {
    ...nonRoot('gcr.io/distroless/static-debian12:nonroot'),
  }),
  accept(`${KUBELET}/root image with runAsUser`, {
    ...nonRoot('python:3.12-slim', { runAsUser: 10001 }),
  }),
];

const POD = 'TestValidatePod';
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_MAIN = 'container.seccomp.security.alpha.kubernetes.io/main';
const annotated = (annotations: Record<string, string>): object => ({ annotations });
const validatePod: UpstreamCase[] = [
  reject(`${POD}/must be a valid pod seccomp profile`, `${ANN}.${SECCOMP_POD}`, {
    podMetadata: annotated({ [SECCOMP_POD]: 'foo' }),
  }),
  reject(`${POD}/must be a valid container seccomp profile`, `${ANN}.${SECCOMP_MAIN}`, {
    podMetadata: annotated({ [SECCOMP_MAIN]: 'foo' }),
  }),
  reject(`${POD}/must be a non-empty container name in seccomp annotation`, ANN, {
    podMetadata: annotated({ 'container.seccomp.security.alpha.kubernetes.io/': 'foo' }),
  }),
  reject(
    `${POD}/must be a non-empty container profile in seccomp annotation`,
    `${ANN}.${SECCOMP_MAIN}`,
    {
      podMetadata: annotated({ [SECCOMP_MAIN]: '' }),
    },
  ),
  reject(
    `${POD}/must match seccomp profile type and pod annotation`,
    `${P}.securityContext.seccompProfile`,
    {
      podMetadata: annotated({ [SECCOMP_POD]: 'unconfined' }),
      pod: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
    },
  ),
  reject(
    `${POD}/must match seccomp profile type and container annotation`,
    `${C}.securityContext.seccompProfile`,
    {
      podMetadata: annotated({ [SECCOMP_MAIN]: 'unconfined' }),
      container: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
    },
  ),
  reject(
    `${POD}/must be a relative path in a node-local seccomp profile annotation`,
    `${ANN}.${SECCOMP_POD}`,
    {
      podMetadata: annotated({ [SECCOMP_POD]: 'localhost//foo' }),
    },
  ),
  reject(`${POD}/must not start with '../'`, `${ANN}.${SECCOMP_POD}`, {
    podMetadata: annotated({ [SECCOMP_POD]: 'localhost/../foo' }),
  }),
  reject(
    `${POD}/AppArmor profile must apply to a container`,
    `${ANN}.container.apparmor.security.beta.kubernetes.io/fake-ctr`,
    {
      pod: { initContainers: [{ name: 'init-ctr', image: IMAGE }] },
      podMetadata: annotated({
        [APPARMOR]: 'runtime/default',
        'container.apparmor.security.beta.kubernetes.io/init-ctr': 'runtime/default',
        'container.apparmor.security.beta.kubernetes.io/fake-ctr': 'runtime/default',
      }),
    },
  ),
  reject(`${POD}/AppArmor profile format must be valid`, `${ANN}.${APPARMOR}`, {
    podMetadata: annotated({ [APPARMOR]: 'bad-name' }),
  }),
  reject(`${POD}/only default AppArmor profile may start with runtime/`, `${ANN}.${APPARMOR}`, {
    podMetadata: annotated({ [APPARMOR]: 'runtime/foo' }),
  }),
  reject(
    `${POD}/unsupported pod AppArmor profile type`,
    `${P}.securityContext.appArmorProfile.type`,
    {
      pod: { securityContext: { appArmorProfile: { type: 'test' } } },
    },
  ),
  reject(
    `${POD}/unsupported container AppArmor profile type`,
    `${C}.securityContext.appArmorProfile.type`,
    { container: { securityContext: { appArmorProfile: { type: 'test' } } } },
  ),
  reject(`${POD}/missing pod AppArmor profile type`, `${P}.securityContext.appArmorProfile.type`, {
    pod: { securityContext: { appArmorProfile: { type: '' } } },
  }),
  reject(
    `${POD}/missing AppArmor localhost profile`,
    `${P}.securityContext.appArmorProfile.localhostProfile`,
    { pod: { securityContext: { appArmorProfile: { type: 'Localhost' } } } },
  ),
  reject(
    `${POD}/empty AppArmor localhost profile`,
    `${P}.securityContext.appArmorProfile.localhostProfile`,
    { pod: { securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: '' } } } },
  ),
  reject(
    `${POD}/invalid AppArmor localhost profile type`,
    `${P}.securityContext.appArmorProfile.localhostProfile`,
    {
      pod: {
        securityContext: {
          appArmorProfile: { type: 'RuntimeDefault', localhostProfile: 'foo-bar' },
        },
      },
    },
  ),
  reject(
    `${POD}/invalid AppArmor localhost profile`,
    `${P}.securityContext.appArmorProfile.localhostProfile`,
    {
      pod: {
        securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'foo-bar ' } },
      },
    },
  ),
  reject(
    `${POD}/too long AppArmor localhost profile`,
    `${P}.securityContext.appArmorProfile.localhostProfile`,
    {
      pod: {
        securityContext: {
          appArmorProfile: { type: 'Localhost', localhostProfile: 'a'.repeat(4096) },
        },
      },
    },
  ),
  reject(
    `${POD}/mismatched AppArmor field and annotation types`,
    `${C}.securityContext.appArmorProfile.type`,
    {
      podMetadata: annotated({ [APPARMOR]: 'runtime/default' }),
      container: { securityContext: { appArmorProfile: { type: 'Unconfined' } } },
    },
  ),
  reject(
    `${POD}/mismatched AppArmor pod field and annotation types`,
    `${C}.securityContext.appArmorProfile.type`,
    {
      podMetadata: annotated({ [APPARMOR]: 'runtime/default' }),
      pod: { securityContext: { appArmorProfile: { type: 'Unconfined' } } },
    },
  ),
  reject(
    `${POD}/mismatched AppArmor localhost profiles`,
    `${C}.securityContext.appArmorProfile.localhostProfile`,
    {
      podMetadata: annotated({ [APPARMOR]: 'localhost/foo' }),
      container: {
        securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'bar' } },
      },
    },
  ),
];

export const cases: UpstreamCase[] = [
  ...validatePod,
  ...securityContext,
  ...windows,
  ...hostProcess,
  ...appArmorFormat,
  ...sysctl,
  ...seccomp,
  ...appArmor,
  ...policies,
  ...runAsNonRoot,
];
