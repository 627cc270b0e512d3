import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import ts from 'typescript';

const SRC = join(__dirname, '..', 'src');
const RUNTIME = join(__dirname, '..', 'packages', 'runtime', 'src');
const PUBLIC = [
  ...['pod', 'workloads', 'presets', 'apply'].flatMap((d) =>
    readdirSync(join(SRC, d)).map((f) => join(SRC, d, f)),
  ),
  ...readdirSync(RUNTIME).map((f) => join(RUNTIME, f)),
];
const PUBLIC_VALIDATION = ['problem', 'validate-manifest', 'rule', 'cdk8s-plugin'].map((f) =>
  join(SRC, 'validation', `${f}.ts`),
);

/** Every property of an exported interface: documented, and optional ones with their default. */
function gaps(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  sf.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    if (!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return;
    if (ts.getJSDocTags(node).some((t) => t.tagName.text === 'internal')) return;
    const outputs = node.name.text.startsWith('Rendered'); // render results, not props
    for (const member of node.members) {
      if (!ts.isPropertySignature(member)) continue;
      const doc = ts
        .getJSDocCommentsAndTags(member)
        .map((d) => d.getText())
        .join(' ');
      const name = `${node.name.text}.${member.name.getText()}`;
      if (!doc) out.push(`${name}: no doc comment`);
      else if (member.questionToken && !outputs && !doc.includes('@default')) {
        out.push(`${name}: optional, but no @default`);
      }
    }
  });
  return out;
}

test.each([...PUBLIC, ...PUBLIC_VALIDATION].filter((f) => f.endsWith('.ts')))(
  'public props are documented with their defaults: %s',
  (file) => {
    expect(gaps(file)).toEqual([]);
  },
);

/** Exported functions of a file that render props into manifest JSON (construct internals). */
function undocumentedRenderers(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  sf.forEachChild((node) => {
    if (!ts.isFunctionDeclaration(node) || !node.name?.text.startsWith('render')) return;
    if (!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return;
    if (!ts.getJSDocTags(node).some((t) => t.tagName.text === 'internal')) out.push(node.name.text);
  });
  return out;
}

test('render helpers are @internal, so the API reference (typedoc --excludeInternal) leaves them out', () => {
  const all = PUBLIC.filter((f) => f.endsWith('.ts')).flatMap((f) => undocumentedRenderers(f));
  expect(all).toEqual([]);
  expect(PUBLIC.some((f) => readFileSync(f, 'utf8').includes('export function render'))).toBe(true);
});
