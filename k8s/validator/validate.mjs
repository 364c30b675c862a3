// Offline schema validation of rendered Kubernetes manifests (multi-document YAML files given as arguments).
//
// Two independent checks per object, both from npm packages that ship the Kubernetes API definitions:
//  1. kubernetes-models: JSON-schema validators generated from the Kubernetes OpenAPI spec (types, required
//     fields, formats, enums), e.g. `replicas: "three"` or a container without `name`.
//  2. @kubernetes/client-node: the attribute map of every API model, used here to reject UNKNOWN fields (what
//     `kubectl apply --validate=strict` would reject server side), e.g. a typo such as `readinesProbe`.
// An object whose apiVersion/kind neither package knows is an error too (no silent pass).
//
// Usage: node validate.mjs file.yaml...   exit 0 = all valid, 1 = invalid objects, 2 = usage/parse error.
// Prints one line per file: "<file>: N objects valid" or the errors.
import fs from 'node:fs';
import * as yaml from 'js-yaml';
// Only the generated models (the package's root entry loads an HTTP client that needs Node 22+).
import * as k8s from '@kubernetes/client-node/dist/gen/models/all.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.mjs manifest.yaml...');
  process.exit(2);
}

function modelClassName(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const ver = version.charAt(0).toUpperCase() + version.slice(1);
  const groupPart = group === '' ? 'Core'
    : group.split('.')[0].replace(/^./, c => c.toUpperCase());
  // client-node names most models V1Deployment, and clashing ones CoreV1Event / EventsV1Event.
  for (const name of [`${ver}${kind}`, `${groupPart}${ver}${kind}`]) {
    const cls = k8s[name];
    if (cls && typeof cls.getAttributeTypeMap === 'function') {
      const map = cls.getAttributeTypeMap();
      const av = map.find(a => a.baseName === 'apiVersion');
      if (av) return name;
    }
  }
  return null;
}

// Walks an object along client-node's type names and reports fields the API does not define.
function unknownFields(value, type, path, errors) {
  if (value === null || value === undefined) return;
  let m;
  if ((m = /^Array<(.+)>$/.exec(type))) {
    if (Array.isArray(value)) value.forEach((v, i) => unknownFields(v, m[1], `${path}[${i}]`, errors));
    return;
  }
  if ((m = /^\{ \[key: string\]: (.+); \}$/.exec(type))) {
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) unknownFields(v, m[1], `${path}.${k}`, errors);
    }
    return;
  }
  const cls = k8s[type];
  if (!cls || typeof cls.getAttributeTypeMap !== 'function') return; // primitive: types are check 1's job
  if (typeof value !== 'object' || Array.isArray(value)) return;   // wrong type: reported by check 1
  const attrs = new Map(cls.getAttributeTypeMap().map(a => [a.baseName, a.type]));
  for (const [k, v] of Object.entries(value)) {
    if (!attrs.has(k)) {
      errors.push(`${path}.${k}: unknown field (not in ${type})`);
    } else {
      unknownFields(v, attrs.get(k), `${path}.${k}`, errors);
    }
  }
}

// kustomize v5 folds long base64 values over several lines; the API server's base64 decoder (Go) ignores line
// breaks, the "byte" format check does not. Normalize Secret data the way the server reads it.
function asServerReadsIt(obj) {
  if (obj.kind === 'Secret' && obj.data && typeof obj.data === 'object') {
    const data = {};
    for (const [k, v] of Object.entries(obj.data)) data[k] = typeof v === 'string' ? v.replace(/[\r\n]/g, '') : v;
    return { ...obj, data };
  }
  return obj;
}

async function schemaErrors(obj) {
  let mod;
  try {
    mod = await import(`kubernetes-models/${obj.apiVersion}`);
  } catch {
    return [`no schema for apiVersion ${obj.apiVersion}`];
  }
  const Model = mod[obj.kind];
  if (!Model) return [`no schema for ${obj.apiVersion} ${obj.kind}`];
  try {
    new Model(asServerReadsIt(obj)).validate();
    return [];
  } catch (e) {
    const details = Array.isArray(e.errors)
      ? e.errors.map(x => `${x.instancePath || '/'} ${x.message}${x.params && x.params.allowedValues ? ' ' + JSON.stringify(x.params.allowedValues) : ''}`)
      : [String(e.message || e)];
    return details;
  }
}

let failed = 0;
let total = 0;
for (const file of files) {
  let docs;
  try {
    docs = yaml.loadAll(fs.readFileSync(file, 'utf8')).filter(d => d !== null && d !== undefined);
  } catch (e) {
    console.error(`${file}: cannot parse YAML: ${e.message}`);
    process.exit(2);
  }
  let fileErrors = 0;
  for (const obj of docs) {
    total++;
    const id = `${obj && obj.kind}/${obj && obj.metadata && obj.metadata.name}`;
    const errors = [];
    if (!obj || typeof obj !== 'object' || !obj.apiVersion || !obj.kind) {
      errors.push('not a Kubernetes object (apiVersion and kind required)');
    } else {
      errors.push(...await schemaErrors(obj));
      const cls = modelClassName(obj.apiVersion, obj.kind);
      if (!cls) errors.push(`no model for ${obj.apiVersion} ${obj.kind}`);
      else unknownFields(obj, cls, '', errors);
    }
    if (errors.length) {
      fileErrors++;
      for (const e of errors) console.log(`${file}: ${id}: ${e}`);
    }
  }
  failed += fileErrors;
  console.log(fileErrors ? `${file}: ${fileErrors} of ${docs.length} objects INVALID` : `${file}: ${docs.length} objects valid`);
}
process.exit(failed ? 1 : 0);
