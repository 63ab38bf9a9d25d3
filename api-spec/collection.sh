#!/usr/bin/env bash
# Makes a Postman collection (v2.1) of openapi.yaml at target/overgang.postman_collection.json, one
# folder per tag, for integrators who try the API by hand (Bruno imports it too). Generated, never
# edited: it follows the contract. Called by `mvn verify` in this module after the lint.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/openapi2postmanv2 ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
mkdir -p target
node_modules/.bin/openapi2postmanv2 -s openapi.yaml -o target/overgang.postman_collection.json -p \
  -O folderStrategy=Tags,requestParametersResolution=Example
node -e '
const c = require("./target/overgang.postman_collection.json");
const count = (items) => items.reduce((n, i) => n + (i.item ? count(i.item) : 1), 0);
const n = count(c.item);
if (n < 50) { console.error("api-spec: the Postman collection has only " + n + " requests"); process.exit(1); }
console.log("api-spec: Postman collection with " + n + " requests at target/overgang.postman_collection.json");
'
