#!/usr/bin/env bash
# Lints the project's Cypher files (see lint.mjs). CI calls this; it needs Node and npm.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
npm ci --no-audit --no-fund
node lint.mjs
