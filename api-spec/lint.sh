#!/usr/bin/env bash
# Lints openapi.yaml with Spectral (OWASP ruleset); fails on any error. Installs the pinned linter on
# first use (npm registry). Called by `mvn verify` in this module.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "api-spec: Node.js/npm is needed to lint the OpenAPI document (apt-get install nodejs npm)," >&2
  echo "          or build with -Dspectral.skip=true to skip the lint." >&2
  exit 1
fi
if [ ! -x node_modules/.bin/spectral ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node_modules/.bin/spectral lint openapi.yaml --fail-severity=error --display-only-failures
