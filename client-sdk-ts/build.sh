#!/usr/bin/env bash
# Compiles the TypeScript SDK (the client generated into generated/ by `mvn generate-sources` in this
# module, src/ and examples/) with the pinned tsc into dist/, and packs it as an npm package
# (target/overgang-client-*.tgz). Installs the pinned compiler on first use (npm registry).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "client-sdk-ts: Node.js/npm is needed to build the TypeScript SDK (apt-get install nodejs npm)," >&2
  echo "               or build with -Dts.skip=true to skip it." >&2
  exit 1
fi
if [ ! -d generated/apis ]; then
  echo "client-sdk-ts: generated/ is missing; run 'mvn -pl client-sdk-ts generate-sources' first." >&2
  exit 1
fi
if [ ! -x node_modules/.bin/tsc ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
rm -rf dist
node_modules/.bin/tsc -p tsconfig.json
mkdir -p target
npm pack --silent --pack-destination target >/dev/null
