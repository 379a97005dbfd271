#!/usr/bin/env bash
# The one setup shared by the README's commands and CI: a project-local Node 24 and pinned pnpm
# (the machine's own Node is left alone), then a frozen install. Idempotent and quiet when warm.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
NODE_DIR="$root/.tooling/node"
NODE_VERSION=24.21.0
PNPM_VERSION=12.21.0
if [ ! -x "$NODE_DIR/bin/node" ] || [ "$("$NODE_DIR/bin/node" --version)" != "v$NODE_VERSION" ]; then
  echo "eligo: installing Node $NODE_VERSION into .tooling/node" >&2
  npm i -g --silent --no-fund --no-audit --prefix "$NODE_DIR" "node@$NODE_VERSION" >&2
fi
export PATH="$NODE_DIR/bin:$PATH"
if [ ! -x "$NODE_DIR/bin/pnpm" ] || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  echo "eligo: installing pnpm $PNPM_VERSION into .tooling/node" >&2
  npm i -g --silent --no-fund --no-audit --prefix "$NODE_DIR" "pnpm@$PNPM_VERSION" >&2
fi
export TURBO_TELEMETRY_DISABLED=1
if [ ! -f node_modules/.modules.yaml ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ]; then
  pnpm install --frozen-lockfile --reporter=silent >&2
fi
if [ "$#" -gt 0 ]; then
  exec pnpm --silent run "$@"
fi
