/**
 * The pod's volumes and their mounts (validation.go ValidateVolumes, validateVolumeSource and
 * the source validators, ValidateVolumeMounts, ValidateVolumeDevices). One rule per area; the
 * sub-files are re-exported here so the catalogue registers them.
 */
import { Rule } from '../rule';
import { dns1123LabelProblem } from '../syntax';
import { eachVolume, sourcesOf } from './volume-walk';

export * from './volume-sources';
export * from './volume-in-tree';
export * from './volume-projected';
export * from './volume-ephemeral';
export * from './volume-mounts';

/** validation.go ValidateVolumes: unique DNS-1123 names; validateVolumeSource: one source. */
export const volumes: Rule = {
  id: 'pod-volumes',
  family: 1,
  scope: 'pod',
  reads: { pod: ['volumes'] },
  summary: 'volumes have unique DNS-1123 label names and exactly one source',
  check(ctx) {
    const names = new Set<string>();
    eachVolume(ctx, ({ volume, path, name }) => {
      if (volume.name === undefined || volume.name === null || name === '') {
        ctx.report(`${path}.name`, 'is required');
      } else if (name !== undefined) {
        const problem = dns1123LabelProblem(name);
        if (problem) ctx.report(`${path}.name`, problem, { value: name });
        else if (names.has(name))
          ctx.report(`${path}.name`, 'is the name of another volume of the pod', {
            value: name,
            fix: 'give every volume its own name',
          });
        names.add(name);
      }
      // No source at all is defaulted to emptyDir by the server; two or more are refused.
      const sources = sourcesOf(ctx, volume);
      for (const extra of sources.slice(1)) {
        ctx.report(
          `${path}.${extra}`,
          `is a second source of the volume (it already has ${sources[0]}): a volume has exactly one source`,
          { fix: 'split it into two volumes' },
        );
      }
    });
  },
};
