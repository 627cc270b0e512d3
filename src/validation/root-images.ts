/**
 * Container image names: the one parser the security rules share, and the one list of images
 * known to run as root (the kubelet refuses them under runAsNonRoot without a runAsUser).
 */

/** An image reference split into its parts. */
export interface ImageName {
  /** The registry host (`ghcr.io`, `localhost:5000`). @default none: Docker Hub */
  readonly registry?: string;
  /** The repository path without the registry: `library/python`, `acme/app`. */
  readonly path: string;
  /** The last path component: `python`, `app`. */
  readonly name: string;
  /** The tag. @default none (the runtime pulls `latest`) */
  readonly tag?: string;
  /** The digest (`sha256:...`). @default none */
  readonly digest?: string;
  /** Whether it is an official Docker Hub library image (`python`, `docker.io/library/python`, a mirror's `.../library/python`). */
  readonly library: boolean;
}

const DOCKER_HUB = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);

/** Splits an image reference as the container runtime reads it; undefined for an empty one. */
export function parseImage(reference: string): ImageName | undefined {
  let rest = reference.trim();
  if (rest === '') return undefined;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry: string | undefined;
  const first = parts[0];
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first.toLowerCase();
    parts.shift();
  }
  const segments = parts.map((p) => p.toLowerCase());
  const name = segments[segments.length - 1] ?? '';
  if (name === '') return undefined;
  const hub = registry === undefined || DOCKER_HUB.has(registry);
  const library =
    (hub && (segments.length === 1 || (segments.length === 2 && segments[0] === 'library'))) ||
    (!hub && segments.length >= 2 && segments[segments.length - 2] === 'library');
  return {
    ...(registry !== undefined ? { registry } : {}),
    path: segments.join('/'),
    name,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
    library,
  };
}

/**
 * Official Docker Hub library images whose image config sets no USER (or USER root), with
 * any tag: the kubelet treats them as uid 0. Servers (postgres, mysql, redis, ...) start as
 * root and drop privileges in their entrypoint, which still counts as root here.
 */
export const ROOT_LIBRARY_IMAGES: ReadonlySet<string> = new Set([
  // base operating systems
  'alpine',
  'almalinux',
  'amazonlinux',
  'archlinux',
  'busybox',
  'centos',
  'debian',
  'fedora',
  'oraclelinux',
  'rockylinux',
  'ubuntu',
  'buildpack-deps',
  // languages and build tools
  'amazoncorretto',
  'bash',
  'clojure',
  'eclipse-temurin',
  'elixir',
  'erlang',
  'gcc',
  'golang',
  'haskell',
  'julia',
  'maven',
  'node',
  'openjdk',
  'perl',
  'php',
  'pypy',
  'python',
  'r-base',
  'ruby',
  'rust',
  // servers whose clients Jobs use (pg_dump, mysqldump, redis-cli, mongodump, curl via nginx)
  'docker',
  'httpd',
  'mariadb',
  'mongo',
  'mysql',
  'nginx',
  'postgres',
  'redis',
]);

/** Whether the image is an official library image known to run as root. */
export function runsAsRoot(image: ImageName | undefined): boolean {
  return image !== undefined && image.library && ROOT_LIBRARY_IMAGES.has(image.name);
}

/**
 * Whether the image is known to set a numeric, non-zero USER: the distroless `nonroot`
 * variants (uid 65532), whatever registry mirrors them.
 */
export function runsAsNumericNonRoot(image: ImageName | undefined): boolean {
  if (image === undefined || image.tag === undefined) return false;
  return image.path.split('/').includes('distroless') && /(^|-)nonroot$/.test(image.tag);
}
