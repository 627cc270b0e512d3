// Node 20 refuses `import x from './x.json'` without `with { type: 'json' }`, which Node 22
// accepts; @actions/workflow-parser imports its schema that way. This hook adds the attribute.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function load(url, context, next) {
      if (url.endsWith('.json')) {
        return next(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
      }
      return next(url, context);
    }`)}`,
);
