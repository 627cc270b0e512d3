import { Rule, RuleContext } from '../rule';
import { Obj, objs, str } from '../read';

function eachContainer(ctx: RuleContext, visit: (container: Obj, path: string) => void): void {
  objs(ctx.podSpec.initContainers).forEach((c, i) =>
    visit(c, `${ctx.podPath}.initContainers[${i}]`),
  );
  objs(ctx.podSpec.containers).forEach((c, i) => visit(c, `${ctx.podPath}.containers[${i}]`));
}

/** `repo[:tag][@digest]`: the tag follows the last ':' after the last '/'. */
function imageTag(image: string): { tag?: string; digest: boolean } {
  const at = image.indexOf('@');
  const digest = at >= 0;
  const name = digest ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
  return { tag, digest };
}

export const imagePinned: Rule = {
  id: 'image-tag',
  family: 3,
  scope: 'pod',
  summary: 'images are pinned by a tag other than latest, or by digest',
  check(ctx) {
    eachContainer(ctx, (c, path) => {
      const image = str(c.image);
      if (!image) return;
      const { tag, digest } = imageTag(image);
      if (digest) return;
      if (tag === undefined || tag === 'latest') {
        ctx.report(
          `${path}.image`,
          tag === undefined
            ? 'has no tag, so it means :latest and changes under you'
            : 'uses :latest, which changes under you',
          {
            value: image,
            fix: 'pin a version tag or a digest (or allow "image-tag")',
          },
        );
      }
    });
  },
};

/** Name segments that mark a credential; MAX_TOKENS or TOKENIZER are not credentials. */
const CREDENTIAL_SEGMENTS = new Set([
  'TOKEN',
  'SECRET',
  'PASSWORD',
  'PASSWD',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
]);

function looksLikeCredential(name: string): boolean {
  const upper = name.toUpperCase();
  if (/(^|_)(API|ACCESS|PRIVATE|SECRET)_KEY(_|$)/.test(upper)) return true;
  return upper.split(/[_.-]/).some((segment) => CREDENTIAL_SEGMENTS.has(segment));
}
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]+:[^/@\s]+@/i;

export const noLiteralSecrets: Rule = {
  id: 'secret-literal',
  family: 3,
  scope: 'pod',
  summary: 'credentials come from Secrets, not literal env values',
  check(ctx) {
    eachContainer(ctx, (c, cPath) => {
      objs(c.env).forEach((env, i) => {
        const name = str(env.name) ?? '';
        const value = str(env.value);
        if (!value) return;
        if (looksLikeCredential(name) || URL_WITH_PASSWORD.test(value)) {
          ctx.report(
            `${cPath}.env[${i}].value`,
            `${name} looks like a credential but has a literal value`,
            {
              fix: "use Secrets.key('secret-name', 'key') (or allow \"secret-literal\")",
            },
          );
        }
      });
    });
  },
};
