import { Rule } from '../rule';
import { int, obj } from '../read';
import { serves } from '../versions';
import {
  checkLabelName,
  checkLabelSelector,
  eachObj,
  list,
  selectorKeys,
  text,
} from './label-selector';

const ACTIONS = new Set(['DoNotSchedule', 'ScheduleAnyway']);
const NODE_POLICIES = new Set(['Honor', 'Ignore']);

/** validation.go validateTopologySpreadConstraints. */
export const topologySpread: Rule = {
  id: 'pod-topology-spread',
  family: 1,
  scope: 'pod',
  reads: { pod: ['topologySpreadConstraints'] },
  summary:
    'topology spread constraints: maxSkew > 0, a topologyKey, DoNotSchedule or ScheduleAnyway, no two alike, minDomains > 0 with DoNotSchedule, valid selectors',
  check(ctx) {
    const seen = new Map<string, number>();
    eachObj(ctx.podSpec.topologySpreadConstraints, (c, i) => {
      const p = `${ctx.podPath}.topologySpreadConstraints[${i}]`;
      const rawSkew = c.maxSkew === null ? undefined : c.maxSkew;
      if (rawSkew === undefined) {
        ctx.report(`${p}.maxSkew`, 'is required and must be greater than 0');
      } else if (int(rawSkew) !== undefined && (int(rawSkew) ?? 0) <= 0) {
        ctx.report(`${p}.maxSkew`, 'must be greater than 0', { value: rawSkew });
      }
      const topologyKey = text(c.topologyKey);
      if (topologyKey === '') {
        ctx.report(`${p}.topologyKey`, 'is required', {
          fix: 'name the node label that defines the domains, e.g. topology.kubernetes.io/zone',
        });
      }
      const action = text(c.whenUnsatisfiable);
      if (action === '') {
        ctx.report(`${p}.whenUnsatisfiable`, 'is required', {
          fix: 'use DoNotSchedule or ScheduleAnyway',
        });
      } else if (action !== undefined && !ACTIONS.has(action)) {
        ctx.report(`${p}.whenUnsatisfiable`, 'must be DoNotSchedule or ScheduleAnyway', {
          value: action,
        });
      }
      if (topologyKey !== undefined && action !== undefined) {
        const pair = JSON.stringify([topologyKey, action]);
        const first = seen.get(pair);
        if (first !== undefined) {
          ctx.report(
            p,
            `has the same topologyKey and whenUnsatisfiable as topologySpreadConstraints[${first}]`,
            {
              fix: 'merge the two constraints',
            },
          );
        } else {
          seen.set(pair, i);
        }
      }
      const minDomains = c.minDomains;
      if (minDomains !== undefined && minDomains !== null && int(minDomains) !== undefined) {
        if ((int(minDomains) ?? 0) <= 0) {
          ctx.report(`${p}.minDomains`, 'must be greater than 0', { value: minDomains });
        }
        if (action !== undefined && action !== 'DoNotSchedule') {
          ctx.report(
            `${p}.minDomains`,
            `can only be used with whenUnsatisfiable DoNotSchedule, not ${action || '""'}`,
            {
              value: minDomains,
            },
          );
        }
      }
      for (const field of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
        const policy = c[field];
        if (typeof policy === 'string' && !NODE_POLICIES.has(policy)) {
          ctx.report(`${p}.${field}`, 'must be Honor or Ignore', { value: policy });
        }
      }
      const keys = list(c.matchLabelKeys) ?? [];
      if (keys.length > 0) {
        if (!obj(c.labelSelector)) {
          ctx.report(`${p}.matchLabelKeys`, 'must not be set when labelSelector is not set', {
            fix: 'add a labelSelector',
          });
        } else {
          // Before 1.33 the keys must not be in the selector; from 1.33 the API server merges
          // them into the pod's selector itself (MatchLabelKeysInPodTopologySpreadSelectorMerge).
          const inSelector = serves(ctx.targetVersion, '1.33')
            ? new Set<string>()
            : selectorKeys(c.labelSelector);
          keys.forEach((key, j) => {
            checkLabelName(ctx, key, `${p}.matchLabelKeys[${j}]`);
            if (typeof key === 'string' && inSelector.has(key)) {
              ctx.report(`${p}.matchLabelKeys[${j}]`, 'is also in labelSelector', {
                value: key,
                fix: 'remove the key from labelSelector or from matchLabelKeys',
              });
            }
          });
        }
      }
      checkLabelSelector(ctx, c.labelSelector, `${p}.labelSelector`);
    });
  },
};
