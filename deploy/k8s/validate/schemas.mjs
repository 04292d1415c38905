// Validates every object of rendered manifests (kubectl kustomize output) against its schema, offline:
//   core and KEDA kinds: the validators the npm packages kubernetes-models and @kubernetes-models/keda ship
//     (compiled from the Kubernetes OpenAPI and from KEDA's CRDs);
//   Strimzi kinds: the CRDs that Strimzi's own crd-generator writes from its io.strimzi:api classes (the
//     Maven build of tests/k8s), their openAPIV3Schema turned strict.
// Unknown fields fail: Kubernetes prunes or rejects them, so a misspelt field would otherwise vanish silently.
//
//   node schemas.mjs TOOLS_DIR CRD_DIR FILE.yaml...     exit 0 when every object of every file is valid
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [toolsDir, crdDir, ...files] = process.argv.slice(2);
const modules = resolve(toolsDir, "node_modules");
const require = createRequire(join(modules, "resolver.js"));
const { parseAllDocuments } = require("yaml");
const Ajv = require("ajv");

const strimzi = strimziValidators(crdDir);
let failures = 0;
for (const file of files) {
  const objects = parseAllDocuments(readFileSync(file, "utf8")).map((doc) => doc.toJS()).filter(Boolean);
  for (const object of objects) {
    const problems = object.apiVersion?.startsWith("kafka.strimzi.io/")
      ? [...validateStrimzi(object), ...(await validateMetadata(object))]
      : await validateWithModels(object);
    const name = `${file}: ${object.kind} ${object.metadata?.name}`;
    if (problems.length > 0) {
      failures++;
      problems.forEach((problem) => console.log(`${name}: ${problem}`));
    }
  }
  console.log(`[k8s] ${file}: ${objects.length} objects checked`);
}
process.exit(failures === 0 ? 0 : 1);

// --- core and KEDA kinds ---

// kubernetes-models' compiled validators check types, enums and required fields, but its schemas do not forbid
// other properties. A validator reads exactly the properties its schema declares (and every key of a map), so a
// property of the object that the validator never read is one the schema does not know: an unknown field.
async function validateWithModels(object) {
  const validate = await modelValidator(object.apiVersion, object.kind);
  if (!validate) {
    return [`no schema for ${object.apiVersion} ${object.kind} in kubernetes-models or @kubernetes-models/keda`];
  }
  return readingValidation(validate, object, "");
}

function readingValidation(validate, object, root) {
  const reads = new Map();
  const valid = validate(watched(object, root, reads));
  const problems = valid ? [] : validate.errors.map((e) => `${root}${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
  for (const [path, { value, read }] of reads) {
    if (Array.isArray(value)) continue;
    for (const key of Object.keys(value)) {
      if (!read.has(key)) problems.push(`${path}/${key}: unknown field`);
    }
  }
  return problems;
}

// a custom resource's metadata, which its CRD leaves to the API server, as the ObjectMeta it is
async function validateMetadata(object) {
  const schema = join(modules, "@kubernetes-models/apimachinery/_schemas/IoK8sApimachineryPkgApisMetaV1ObjectMeta.js");
  const { validate } = await import(pathToFileURL(schema).href);
  return readingValidation(validate, object.metadata ?? {}, "/metadata");
}

async function modelValidator(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const pkg = join(modules, group === "keda.sh" ? "@kubernetes-models/keda" : "kubernetes-models");
  let model;
  try {
    model = readFileSync(join(pkg, group ?? "", version, `${kind}.js`), "utf8");
  } catch {
    return null;
  }
  const schema = model.match(/_schemas\/(\w+)\.js/)[1];
  return (await import(pathToFileURL(join(pkg, "_schemas", `${schema}.js`)).href)).validate;
}

// the object behind a proxy that records, per JSON pointer, which of its properties were read
function watched(value, path, reads) {
  if (value === null || typeof value !== "object") return value;
  const read = new Set();
  reads.set(path, { value, read });
  return new Proxy(value, {
    get(target, key, receiver) {
      const property = Reflect.get(target, key, receiver);
      if (typeof key !== "string" || !Object.hasOwn(target, key)) return property;
      read.add(key);
      return watched(property, `${path}/${key}`, reads);
    },
  });
}

// --- Strimzi kinds ---

// kind -> a function from object to its problems; each CRD schema compiled when first needed (the Kafka CRD alone
// takes ajv seconds)
function strimziValidators(dir) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = new Map();
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".yaml"))) {
    const crd = require("yaml").parse(readFileSync(join(dir, file), "utf8"));
    for (const version of crd.spec.versions) {
      let validate;
      validators.set(`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`, (object) => {
        validate ??= ajv.compile(strict(version.schema.openAPIV3Schema));
        return validate(object) ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
      });
    }
  }
  return validators;
}

function validateStrimzi(object) {
  const validate = strimzi.get(`${object.apiVersion} ${object.kind}`);
  return validate ? validate(object) : [`no Strimzi CRD for ${object.apiVersion} ${object.kind}`];
}

// A CRD's structural schema, as the API server applies it: an object with declared properties takes no others
// (the server would prune them), unless it says x-kubernetes-preserve-unknown-fields.
function strict(schema) {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== "object") return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === "properties"
    ? Object.fromEntries(Object.entries(value).map(([name, property]) => [name, strict(property)]))
    : strict(value)]));
  if (copy["x-kubernetes-int-or-string"]) {
    delete copy.type;
    copy.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  if (copy.nullable) copy.type = [].concat(copy.type ?? [], "null");
  if (copy.properties && !copy["x-kubernetes-preserve-unknown-fields"] && copy.additionalProperties === undefined) {
    copy.additionalProperties = false;
  }
  return copy;
}
