/**
 * Image references as the kubelet parses them (pkg/kubelet/images applyDefaultImageTag ->
 * github.com/distribution/reference ParseNormalizedNamed). The API server does not look at
 * the image; a reference the kubelet cannot parse fails the container with InvalidImageName.
 */
import { memoByText } from '../memo';
import { Rule } from '../rule';
import { eachContainerOf } from './container-walk';

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const NAME = `(?:${HOST}(?::[0-9]+)?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::${TAG})?(?:@(${DIGEST}))?$`);
const DIGEST_LENGTHS: ReadonlyMap<string, number> = new Map([
  ['sha256', 64],
  ['sha384', 96],
  ['sha512', 128],
]);

/** splitDockerDomain: whether the part before the first "/" is a registry host. */
function hasDomain(image: string): boolean {
  const slash = image.indexOf('/');
  if (slash < 0) return false;
  const first = image.slice(0, slash);
  return /[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first;
}

/** What ParseNormalizedNamed refuses in an image reference, or undefined. */
export const imageReferenceProblem = memoByText(referenceProblem);

function referenceProblem(image: string): string | undefined {
  if (/^[a-f0-9]{64}$/.test(image)) {
    return 'is a 64-character hexadecimal string, which is not accepted as a repository name';
  }
  const remainder = hasDomain(image) ? image.slice(image.indexOf('/') + 1) : image;
  const colon = remainder.indexOf(':');
  const repository = colon < 0 ? remainder : remainder.slice(0, colon);
  if (repository.toLowerCase() !== repository)
    return 'has upper-case letters in the repository path';
  const match = REFERENCE.exec(hasDomain(image) ? image : `docker.io/${image}`);
  if (!match) {
    if (/\s/.test(image)) return 'contains whitespace';
    return 'is not of the form [registry/]repository[:tag][@digest]';
  }
  if (match[1].length > 255) return `has a name of more than 255 characters (${match[1].length})`;
  if (match[2]) {
    const [algorithm, hex] = match[2].split(':');
    const length = DIGEST_LENGTHS.get(algorithm);
    if (length === undefined) return `has a digest of an unsupported algorithm (${algorithm})`;
    if (hex.length !== length)
      return `has a ${algorithm} digest of ${hex.length} hex digits, not ${length}`;
  }
  return undefined;
}

/**
 * kubelet applyDefaultImageTag (distribution/reference ParseNormalizedNamed): the Job is
 * accepted and its pods are created, but a container whose image reference does not parse
 * never starts (InvalidImageName), and the Job hangs until its deadline.
 */
export const containerImageReference: Rule = {
  id: 'container-image-reference',
  family: 2,
  scope: 'pod',
  reads: { container: ['image'] },
  summary: 'an image reference the kubelet cannot parse leaves the container in InvalidImageName',
  check(ctx) {
    eachContainerOf(ctx, ({ container: c, path }) => {
      const image = c.image;
      // An empty image is refused (pod-containers); whitespace around it is container-image-whitespace.
      if (typeof image !== 'string' || image === '' || image.trim() !== image) return;
      const problem = imageReferenceProblem(image);
      if (!problem) return;
      ctx.report(
        `${path}.image`,
        `${problem}: the kubelet cannot parse it, so the container never starts (InvalidImageName)`,
        {
          value: image,
          fix: 'write it as registry.example.com/team/app:1.2.3 (lower-case repository path)',
        },
      );
    });
  },
};
