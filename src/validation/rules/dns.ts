import { isIPv6 } from 'net';
import { Rule } from '../rule';
import { obj } from '../read';
import { dns1123SubdomainProblem } from '../syntax';
import { serves } from '../versions';
import { eachObj, list, text } from './label-selector';

const DNS_POLICIES = new Set(['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']);
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
const MAX_SEARCH_CHARS = 2048;
const SUBDOMAIN_WITH_UNDERSCORE =
  /^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*$/;

/**
 * apimachinery IsValidIP as the API server parses addresses (ParseIPSloppy): dotted IPv4,
 * leading zeros allowed, or IPv6 without a zone.
 */
export function isValidIP(value: string): boolean {
  const parts = value.split('.');
  if (parts.length === 4 && parts.every((p) => /^[0-9]{1,9}$/.test(p) && Number(p) <= 255)) {
    return true;
  }
  return !value.includes('%') && isIPv6(value);
}

const IP_PROBLEM = 'must be a valid IP address, e.g. 10.9.8.7 or 2001:db8::ffff';

/** validation.go validateDNSPolicy (an empty policy is defaulted to ClusterFirst). */
export const dnsPolicy: Rule = {
  id: 'pod-dns-policy',
  family: 1,
  scope: 'pod',
  reads: { pod: ['dnsPolicy'] },
  summary: 'dnsPolicy is ClusterFirst, ClusterFirstWithHostNet, Default or None',
  check(ctx) {
    const policy = text(ctx.podSpec.dnsPolicy);
    if (policy === undefined || policy === '' || DNS_POLICIES.has(policy)) return;
    ctx.report(
      `${ctx.podPath}.dnsPolicy`,
      'must be ClusterFirst, ClusterFirstWithHostNet, Default or None',
      {
        value: policy,
      },
    );
  },
};

/** validation.go validatePodDNSConfig. */
export const dnsConfig: Rule = {
  id: 'pod-dns-config',
  family: 1,
  scope: 'pod',
  reads: { pod: ['dnsConfig', 'dnsPolicy'] },
  summary:
    'dnsConfig: nameservers required with dnsPolicy None, at most 3 IP nameservers, at most 32 searches of 2048 characters, named options',
  check(ctx) {
    const path = `${ctx.podPath}.dnsConfig`;
    const config = obj(ctx.podSpec.dnsConfig);
    const raw = ctx.podSpec.dnsConfig;
    if (raw !== undefined && raw !== null && !config) return;
    const nameservers = config ? list(config.nameservers) : [];
    if (ctx.podSpec.dnsPolicy === 'None') {
      if (!config) {
        ctx.report(path, 'is required when dnsPolicy is None', {
          fix: 'add dnsConfig with at least one nameserver, or use another dnsPolicy',
        });
        return;
      }
      if (nameservers && nameservers.length === 0) {
        ctx.report(
          `${path}.nameservers`,
          'must hold at least one nameserver when dnsPolicy is None',
        );
        return;
      }
    }
    if (!config) return;
    if (nameservers) {
      if (nameservers.length > MAX_NAMESERVERS) {
        ctx.report(
          `${path}.nameservers`,
          `must hold at most ${MAX_NAMESERVERS} nameservers (holds ${nameservers.length})`,
        );
      }
      nameservers.forEach((ns, i) => {
        if (typeof ns === 'string' && !isValidIP(ns)) {
          ctx.report(`${path}.nameservers[${i}]`, IP_PROBLEM, { value: ns });
        }
      });
    }
    const searches = list(config.searches);
    if (searches) {
      const names = searches.filter((s): s is string => typeof s === 'string');
      if (searches.length > MAX_SEARCHES) {
        ctx.report(
          `${path}.searches`,
          `must hold at most ${MAX_SEARCHES} search domains (holds ${searches.length})`,
        );
      }
      const chars = names.join(' ').length;
      if (chars > MAX_SEARCH_CHARS) {
        ctx.report(
          `${path}.searches`,
          `must be at most ${MAX_SEARCH_CHARS} characters, spaces between them included (is ${chars})`,
        );
      }
      // RelaxedDNSSearchValidation (on from 1.33): "." and underscores are allowed.
      const relaxed = serves(ctx.targetVersion, '1.33');
      searches.forEach((s, i) => {
        if (typeof s !== 'string') return;
        if (relaxed && s === '.') return;
        const name = s.endsWith('.') ? s.slice(0, -1) : s;
        let problem: string | undefined;
        if (relaxed) {
          if (name.length > 253)
            problem = `must be no more than 253 characters (is ${name.length})`;
          else if (!SUBDOMAIN_WITH_UNDERSCORE.test(name))
            problem =
              'must be a DNS subdomain: lower-case letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
        } else {
          problem = dns1123SubdomainProblem(name);
        }
        if (problem) ctx.report(`${path}.searches[${i}]`, problem, { value: s });
      });
    }
    eachObj(config.options, (option, i) => {
      if (text(option.name) === '') ctx.report(`${path}.options[${i}].name`, 'is required');
    });
  },
};

/** validation.go ValidateHostAliases. */
export const hostAliases: Rule = {
  id: 'pod-host-aliases',
  family: 1,
  scope: 'pod',
  reads: { pod: ['hostAliases'] },
  summary: 'hostAliases have an IP address and DNS subdomain hostnames',
  check(ctx) {
    eachObj(ctx.podSpec.hostAliases, (alias, i) => {
      const p = `${ctx.podPath}.hostAliases[${i}]`;
      const ip = text(alias.ip);
      if (ip === '') ctx.report(`${p}.ip`, 'is required');
      else if (ip !== undefined && !isValidIP(ip)) ctx.report(`${p}.ip`, IP_PROBLEM, { value: ip });
      (list(alias.hostnames) ?? []).forEach((h, j) => {
        if (typeof h !== 'string') return;
        const problem = dns1123SubdomainProblem(h);
        if (problem) ctx.report(`${p}.hostnames[${j}]`, problem, { value: h });
      });
    });
  },
};
