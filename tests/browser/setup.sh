#!/usr/bin/env bash
# Installs the browser tests' npm packages (exact versions from the lock files) and builds the
# JupyterLab 4 front end; both are skipped when their lock file has not changed since the last run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="$here/.npm-cache"

install_locked() { # dir: npm ci unless node_modules already matches the lock
  local dir="$1"
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.juxta-lock" 2>/dev/null; then
    (cd "$dir" && npm ci --cache "$cache" --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$dir/node_modules/.juxta-lock"
  fi
}

install_locked "$here"
if [ -f "$here/lab/package-lock.json" ]; then
  stamp="$here/lab/.build-stamp"
  wanted="$(cat "$here/lab/package-lock.json" "$here/lab/index.js" "$here/lab/webpack.config.js" "$here/lab/main.py" | sha256sum)"
  if [ ! -f "$here/lab/build/bundle.js" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    install_locked "$here/lab"
    (cd "$here/lab" && npx --no-install webpack >/dev/null)
    echo "$wanted" > "$stamp"
  fi
fi
