/** Containers' volumeMounts and volumeDevices. */
import { Rule } from '../rule';
import { arr, isObj, obj, str } from '../read';
import { eachContainer } from './pod-walk';
import {
  blank,
  eachObj,
  hasBacksteps,
  localDescendingPathProblem,
  volumesByName,
} from './volume-walk';

const PROPAGATIONS = ['None', 'HostToContainer', 'Bidirectional'];

/** The strings a list of objects holds under `key`. */
function stringsOf(list: unknown, key: string): Set<string> {
  const out = new Set<string>();
  for (const item of arr(list)) {
    const value = isObj(item) ? str(item[key]) : undefined;
    if (value) out.add(value);
  }
  return out;
}

function volumeFix(names: Map<string, unknown>): string {
  return names.size > 0
    ? `use one of: ${[...names.keys()].join(', ')}`
    : 'add the volume to the pod spec under volumes';
}

/**
 * validation.go ValidateVolumeMounts (from validateContainerCommon): every mount names a volume
 * of the pod and a unique mountPath; subPath and subPathExpr are relative, without '..', and
 * exclusive; mountPropagation is None, HostToContainer, or Bidirectional in a privileged container.
 */
export const volumeMounts: Rule = {
  id: 'volume-mounts',
  family: 1,
  scope: 'pod',
  reads: { container: ['volumeMounts'] },
  summary:
    'every mount names a volume of the pod and a unique mountPath, with a relative subPath and a valid mountPropagation',
  check(ctx) {
    const volumes = volumesByName(ctx);
    eachContainer(ctx, (c, cPath) => {
      const mountPaths = new Set<string>();
      const privileged = obj(c.securityContext)?.privileged === true;
      eachObj(c.volumeMounts, (m, i) => {
        const p = `${cPath}.volumeMounts[${i}]`;
        const name = m.name;
        if (blank(name)) ctx.report(`${p}.name`, 'is required', { fix: volumeFix(volumes) });
        else if (typeof name === 'string' && !volumes.has(name))
          ctx.report(`${p}.name`, 'is not the name of a volume of the pod', {
            value: name,
            fix: volumeFix(volumes),
          });
        const mountPath = m.mountPath;
        if (blank(mountPath)) ctx.report(`${p}.mountPath`, 'is required');
        else if (typeof mountPath === 'string') {
          if (mountPaths.has(mountPath))
            ctx.report(
              `${p}.mountPath`,
              'is mounted twice in this container: mount paths must be unique',
              { value: mountPath },
            );
          mountPaths.add(mountPath);
        }
        const subPath = str(m.subPath) ?? '';
        const subPathExpr = str(m.subPathExpr) ?? '';
        if (subPath !== '') {
          const problem = localDescendingPathProblem(subPath);
          if (problem)
            ctx.report(`${p}.subPath`, problem, {
              value: subPath,
              fix: 'give a path inside the volume, e.g. config/app.yaml',
            });
        }
        if (subPathExpr !== '') {
          const problem =
            subPath !== ''
              ? 'cannot be set together with subPath'
              : localDescendingPathProblem(subPathExpr);
          if (problem) ctx.report(`${p}.subPathExpr`, problem, { value: subPathExpr });
        }
        const propagation = str(m.mountPropagation);
        if (propagation !== undefined && !PROPAGATIONS.includes(propagation))
          ctx.report(`${p}.mountPropagation`, `must be one of ${PROPAGATIONS.join(', ')}`, {
            value: propagation,
          });
        else if (propagation === 'Bidirectional' && !privileged)
          ctx.report(
            `${p}.mountPropagation`,
            'Bidirectional is allowed only in a privileged container',
            {
              value: propagation,
              fix: 'use HostToContainer, or set securityContext.privileged: true on the container',
            },
          );
      });
    });
  },
};

/**
 * validation.go validateMountRecursiveReadOnly: Enabled and IfPossible need readOnly: true and
 * no propagation other than None (served from 1.30, on by default from 1.31).
 */
export const mountRecursiveReadOnly: Rule = {
  id: 'volume-mount-recursive-read-only',
  family: 1,
  scope: 'pod',
  reads: { container: ['volumeMounts'] },
  since: '1.31',
  summary:
    'recursiveReadOnly is Disabled, Enabled or IfPossible; the last two need readOnly and no propagation',
  check(ctx) {
    eachContainer(ctx, (c, cPath) => {
      eachObj(c.volumeMounts, (m, i) => {
        const field = `${cPath}.volumeMounts[${i}].recursiveReadOnly`;
        const value = str(m.recursiveReadOnly);
        if (value === undefined || value === 'Disabled') return;
        if (value !== 'Enabled' && value !== 'IfPossible') {
          ctx.report(field, 'must be Disabled, Enabled or IfPossible', { value });
          return;
        }
        if (m.readOnly === undefined || m.readOnly === null || m.readOnly === false)
          ctx.report(field, `${value} needs readOnly: true on the mount`, {
            value,
            fix: 'add readOnly: true',
          });
        const propagation = str(m.mountPropagation);
        if (propagation !== undefined && propagation !== 'None')
          ctx.report(field, `${value} needs mountPropagation None or unset`, { value });
      });
    });
  },
};

/**
 * validation.go ValidateVolumeDevices: a raw block device is a PVC or ephemeral volume, named
 * and placed once, and not also mounted with volumeMounts.
 */
export const volumeDevices: Rule = {
  id: 'volume-devices',
  family: 1,
  scope: 'pod',
  reads: { container: ['volumeDevices'] },
  summary:
    'volumeDevices name PVC or ephemeral volumes once, at unique paths not used by volumeMounts',
  check(ctx) {
    const volumes = volumesByName(ctx);
    eachContainer(ctx, (c, cPath) => {
      const mountNames = stringsOf(c.volumeMounts, 'name');
      const mountPaths = stringsOf(c.volumeMounts, 'mountPath');
      const names = new Set<string>();
      const paths = new Set<string>();
      eachObj(c.volumeDevices, (d, i) => {
        const p = `${cPath}.volumeDevices[${i}]`;
        const name = d.name;
        if (blank(name)) ctx.report(`${p}.name`, 'is required');
        else if (typeof name === 'string') {
          const source = volumes.get(name);
          if (names.has(name))
            ctx.report(`${p}.name`, 'is used by another volumeDevice of the container', {
              value: name,
            });
          else if (!volumes.has(name))
            ctx.report(`${p}.name`, 'is not the name of a volume of the pod', {
              value: name,
              fix: volumeFix(volumes),
            });
          else if (source !== 'persistentVolumeClaim' && source !== 'ephemeral')
            ctx.report(
              `${p}.name`,
              `is backed by ${source ?? 'emptyDir'}: a block device must come from a persistentVolumeClaim or ephemeral volume`,
              { value: name },
            );
          else if (mountNames.has(name))
            ctx.report(
              `${p}.name`,
              'is also in volumeMounts: a volume is either mounted or a block device, not both',
              { value: name },
            );
          names.add(name);
        }
        const devicePath = d.devicePath;
        if (blank(devicePath)) ctx.report(`${p}.devicePath`, 'is required');
        else if (typeof devicePath === 'string') {
          if (paths.has(devicePath))
            ctx.report(`${p}.devicePath`, 'is used by another volumeDevice of the container', {
              value: devicePath,
            });
          else if (hasBacksteps(devicePath))
            ctx.report(`${p}.devicePath`, "must not contain '..'", { value: devicePath });
          else if (mountPaths.has(devicePath))
            ctx.report(`${p}.devicePath`, 'is also a mountPath in volumeMounts', {
              value: devicePath,
            });
          paths.add(devicePath);
        }
      });
    });
  },
};
