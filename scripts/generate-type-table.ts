/**
 * Generates src/validation/types/table.ts: the JSON type of every field of a batch/v1 Job and
 * CronJob and of everything inside them, from the official Kubernetes OpenAPI definitions.
 *
 *   npm run generate:types -- <client-node models dir> [kubernetes-models dir] [out]
 *
 * Sources:
 * - @kubernetes/client-node's generated models (dist/gen/models/*.js), written by OpenAPI
 *   Generator from the official spec: each model's `attributeTypeMap` gives every JSON field's
 *   type and format (int32, int64, int-or-string, date-time, ...). Pass the models of the
 *   newest client-node you can get (an unpacked `npm pack` tarball will do).
 * - The official spec defines resource.Quantity as a bare `type: string`, so OpenAPI Generator
 *   inlines it and client-node types every Quantity field as a plain string. The API server
 *   takes a number there too, so those fields are recovered from kubernetes-models' typings
 *   (generated from the same spec, keeping the `$ref`, as IIoK8sApimachineryPkgApiResourceQuantity).
 *   Fields that client-node has and kubernetes-models lacks are listed in the output header,
 *   for a person to check that none is a Quantity.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';

const ROOTS = ['V1Job', 'V1CronJob'];

interface Attribute {
  readonly baseName: string;
  readonly type: string;
  readonly format: string;
}

const [, , modelsArg, quantityArg, outArg] = process.argv;
if (!modelsArg) {
  console.error(
    'usage: npm run generate:types -- <client-node dist/gen/models dir> [kubernetes-models dir] [out]\n' +
      '  e.g. npm pack @kubernetes/client-node@latest, untar it, and pass package/dist/gen/models',
  );
  process.exit(2);
}
const modelsDir = resolve(modelsArg);
const quantityDir = resolve(quantityArg ?? 'node_modules/kubernetes-models');
const outFile = resolve(outArg ?? 'src/validation/types/table.ts');

function readModel(name: string): { attributes: Attribute[]; version: string } {
  const file = join(modelsDir, `${name}.js`);
  if (!existsSync(file)) throw new Error(`no model ${name} in ${modelsDir}`);
  const text = readFileSync(file, 'utf8');
  const version = /OpenAPI spec version: (\S+)/.exec(text)?.[1] ?? 'unknown';
  const m = new RegExp(`${name}\\.attributeTypeMap = (\\[[\\s\\S]*?\\n\\]);`).exec(text);
  if (!m) throw new Error(`no attributeTypeMap in ${file}`);
  return { attributes: JSON.parse(m[1]) as Attribute[], version };
}

/** `Name.field` of every property kubernetes-models types as a Quantity (or map of them). */
function quantityFields(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '_schemas' && entry.name !== 'node_modules') walk(path);
      } else if (entry.name.endsWith('.d.ts')) {
        const text = readFileSync(path, 'utf8');
        const iface = /export interface I(\w+) \{([\s\S]*?)\n\}/.exec(text);
        if (!iface) continue;
        const props = iface[2].matchAll(/\n {4}"(\w+)"\??: ([^;]*?(?:\{[^}]*\})?[^;]*);/g);
        for (const [, prop, type] of props) {
          if (type.includes('IIoK8sApimachineryPkgApiResourceQuantity'))
            found.add(`${iface[1]}.${prop}`);
        }
      }
    }
  };
  walk(quantityDir);
  for (const must of ['ResourceRequirements.limits', 'EmptyDirVolumeSource.sizeLimit']) {
    if (!found.has(must)) throw new Error(`kubernetes-models typings lack ${must}`);
  }
  return found;
}

/** The table's name of a client-node model: without its version prefix. */
function shortName(model: string): string {
  return model.replace(/^(Core|Batch)?V\d+((alpha|beta)\d+)?(?=[A-Z])/, '');
}

const quantities = quantityFields();
const table = new Map<string, Map<string, string>>();
const unchecked: string[] = [];
const modelOf = new Map<string, string>();
let specVersion = '';

function encode(type: string, format: string, owner: string, field: string): string {
  const list = /^Array<(.+)>$/.exec(type);
  if (list) return `[]${encode(list[1], format, owner, field)}`;
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return `{}${encode(map[1], format, owner, field)}`;
  switch (type) {
    case 'string':
      if (format === 'byte') return 'bytes';
      if (quantities.has(`${owner}.${field}`)) return 'quantity';
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      if (format === 'int32' || format === 'int64') return format;
      if (format === 'double' || format === 'float') return 'number';
      throw new Error(`number of format ${format} at ${owner}.${field}`);
    case 'IntOrString':
      return 'int-or-string';
    case 'Date':
      if (format === 'date-time') return 'time';
      if (format === 'date-time-micro') return 'micro-time';
      throw new Error(`Date of format ${format} at ${owner}.${field}`);
    case 'any':
    case 'object':
      return 'any';
    default:
      if (!/^[A-Z]\w+$/.test(type)) throw new Error(`unknown type ${type} at ${owner}.${field}`);
      visit(type);
      return shortName(type);
  }
}

function visit(model: string): void {
  const name = shortName(model);
  const seen = modelOf.get(name);
  if (seen !== undefined) {
    if (seen !== model) throw new Error(`${seen} and ${model} share the name ${name}`);
    return;
  }
  modelOf.set(name, model);
  const fields = new Map<string, string>();
  table.set(name, fields);
  const { attributes, version } = readModel(model);
  if (!specVersion) specVersion = version;
  else if (version !== specVersion) throw new Error(`${model} is of spec ${version}`);
  for (const a of attributes) {
    const code = encode(a.type, a.format, name, a.baseName);
    fields.set(a.baseName, code);
    if (/string$/.test(code) && !hasTyping(name, a.baseName)) {
      unchecked.push(`${name}.${a.baseName}`);
    }
  }
}

function quantityVersion(): string {
  const file = join(quantityDir, 'package.json');
  if (!existsSync(file)) return '(unknown version)';
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

const typingText = new Map<string, string>();
/** Whether kubernetes-models has a typing for the model and field (so its Quantity-ness is known). */
function hasTyping(name: string, field: string): boolean {
  if (!typingText.has(name)) {
    const candidates = ['v1', 'batch/v1', '../@kubernetes-models/apimachinery/apis/meta/v1'].map(
      (d) => join(quantityDir, d, `${name}.d.ts`),
    );
    const file = candidates.find(existsSync);
    typingText.set(name, file ? readFileSync(file, 'utf8') : '');
  }
  return (typingText.get(name) as string).includes(`"${field}"`);
}

for (const root of ROOTS) visit(root);

const names = [...table.keys()].sort();
const quantityNames = [...quantities].filter((q) => table.has(q.split('.')[0])).sort();
const uncheckedLines: string[] = [];
for (let i = 0; i < unchecked.length; i += 3) {
  uncheckedLines.push(` *   ${unchecked.slice(i, i + 3).join(', ')}`);
}
const lines: string[] = [
  `/**
 * GENERATED by scripts/generate-type-table.ts (\`npm run generate:types\`); do not edit.
 *
 * Source: @kubernetes/client-node generated models, OpenAPI spec version ${specVersion}
 * (the official Kubernetes OpenAPI definitions, through OpenAPI Generator). client-node types
 * resource.Quantity as a plain string; the Quantity fields come from the typings of
 * kubernetes-models ${quantityVersion()}, generated from an older release of the same definitions.
 *
 * Each model maps a JSON field to its type: string, boolean, int32, int64, number,
 * int-or-string, quantity, time (RFC 3339), micro-time, bytes (base64), any, another
 * model, \`[]T\` (a list of T) or \`{}T\` (a map of string to T).
 *
 * Quantity fields:
 *   ${quantityNames.join(', ')}
 * String fields newer than the Quantity source (check by hand that none is a Quantity):
${uncheckedLines.join('\n')}
 */`,
];
lines.push(`export const SPEC_VERSION = '${specVersion}';`);
lines.push('');
lines.push('// prettier-ignore');
lines.push(
  'export const TYPE_TABLE: Readonly<Record<string, Readonly<Record<string, string>>>> = {',
);
for (const name of names) {
  const fields = [...(table.get(name) as Map<string, string>)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([f, t]) => `${f}: '${t}'`);
  lines.push(`  ${name}: { ${fields.join(', ')} },`);
}
lines.push('};');
writeFileSync(outFile, `${lines.join('\n')}\n`);
console.log(
  `${outFile}: ${names.length} models, spec ${specVersion}; ${unchecked.length} fields unchecked for Quantity`,
);
