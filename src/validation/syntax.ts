/** Kubernetes' name and key syntax (k8s.io/apimachinery/pkg/util/validation). */
import { memoByText } from './memo';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function dns1123LabelProblem(value: string, maxLength = 63): string | undefined {
  if (value.length > maxLength)
    return `must be no more than ${maxLength} characters (is ${value.length})`;
  if (!DNS1123_LABEL.test(value)) {
    return 'must be a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit';
  }
  return undefined;
}

export function dns1123SubdomainProblem(value: string): string | undefined {
  if (value.length > 253) return `must be no more than 253 characters (is ${value.length})`;
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return 'must be a DNS-1123 subdomain: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}

/**
 * Label and annotation keys, pod condition types, resource names: `[prefix/]name`. Checked once
 * per key: objects repeat the same few.
 */
export const qualifiedNameProblem: (value: string) => string | undefined =
  memoByText(qualifiedNameProblemOf);

function qualifiedNameProblemOf(value: string): string | undefined {
  const parts = value.split('/');
  let name = value;
  if (parts.length === 2) {
    const prefixProblem =
      parts[0].length === 0 ? 'prefix must not be empty' : dns1123SubdomainProblem(parts[0]);
    if (prefixProblem) return `prefix "${parts[0]}" ${prefixProblem}`;
    name = parts[1];
  } else if (parts.length > 2) {
    return 'must be a qualified name: an optional DNS subdomain prefix and "/", then a name';
  }
  if (name.length === 0) return 'name part must not be empty';
  if (name.length > 63) return `name part must be no more than 63 characters (is ${name.length})`;
  if (!QUALIFIED_NAME_PART.test(name)) {
    return 'name part must consist of alphanumerics, "-", "_" or ".", and start and end with an alphanumeric';
  }
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return `must be no more than 63 characters (is ${value.length})`;
  if (!LABEL_VALUE.test(value)) {
    return 'must be empty or consist of alphanumerics, "-", "_" or ".", and start and end with an alphanumeric';
  }
  return undefined;
}

/** `spec.managedBy`: a domain-prefixed path such as `kueue.x-k8s.io/multikueue`. */
export function domainPrefixedPathProblem(value: string): string | undefined {
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) {
    return 'must be a domain-prefixed path (such as "acme.io/foo")';
  }
  const host = value.slice(0, slash);
  const hostProblem = dns1123SubdomainProblem(host);
  if (hostProblem) return `domain "${host}" ${hostProblem}`;
  if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(value.slice(slash + 1))) {
    return 'path part contains characters that are not allowed in a URL path';
  }
  return undefined;
}
