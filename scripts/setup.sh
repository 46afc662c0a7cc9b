#!/usr/bin/env bash
# One set-up command (`npm run setup`): the Debian packages in .ci/apt-packages.txt, then `npm ci`.
# Plain bash, so it runs before node_modules exists. Installs with apt-get when run as root or
# when sudo works without a password; otherwise prints the exact command and exits 1.
#
#   scripts/setup.sh                  everything `npm test` needs, then npm ci
#   scripts/setup.sh --runtime        what the services need at run time only (the Docker image)
#   scripts/setup.sh --with-services  also Postgres and Redis (lines tagged "# services"; .ci/run)
#   scripts/setup.sh --no-npm         system packages only
#   scripts/setup.sh --check          install nothing: list what is missing, exit 1 if anything is
set -euo pipefail
cd "$(dirname "$0")/.."

LIST=.ci/apt-packages.txt
runtime=0 services=0 npm=1 check=0
for arg in "$@"; do
  case "$arg" in
    --runtime) runtime=1 ;;
    --with-services) services=1 ;;
    --no-npm) npm=0 ;;
    --check) check=1; npm=0 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

# "pkg", "pkg # test" or "pkg # services"; other comments and blank lines are skipped.
wanted=()
while IFS= read -r line; do
  pkg="${line%%#*}"; pkg="${pkg//[[:space:]]/}"
  [ -z "$pkg" ] && continue
  tag=""; [[ "$line" == *"#"* ]] && tag="${line#*#}" && tag="${tag//[[:space:]]/}"
  case "$tag" in
    test) [ "$runtime" = 1 ] && continue ;;
    services) [ "$services" = 1 ] || continue ;;
  esac
  wanted+=("$pkg")
done < "$LIST"

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "setup: this is not a Debian/Ubuntu system (no dpkg-query)." >&2
  echo "Install the equivalents of these packages with your package manager, then run npm ci:" >&2
  printf '  %s\n' "${wanted[@]}" >&2
  exit 1
fi

missing=()
installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${wanted[@]}" 2>/dev/null || true)
for p in "${wanted[@]}"; do
  grep -q "^$p ii" <<<"$installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#wanted[@]} system packages are installed"
elif [ "$check" = 1 ]; then
  echo "setup: ${#missing[@]} of ${#wanted[@]} system packages missing: ${missing[*]}" >&2
  exit 1
else
  cmd=(apt-get install -y --no-install-recommends "${missing[@]}")
  if [ "$(id -u)" = 0 ]; then sudo=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo)
  else
    echo "setup: ${#missing[@]} system packages are missing and this user cannot install them." >&2
    echo "Run as root (or with sudo), then run npm run setup again:" >&2
    echo "" >&2
    echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive ${cmd[*]}" >&2
    echo "" >&2
    exit 1
  fi
  echo "setup: installing ${#missing[@]} system packages with apt-get"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive "${cmd[@]}" -qq >/dev/null
fi

if [ "$npm" = 1 ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

# npm test also needs Postgres and Redis; say so now rather than in the first failing test.
if [ "$check" = 0 ] && [ "$runtime" = 0 ]; then
  for svc in "Postgres 5432" "Redis 6379"; do
    set -- $svc
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then
      echo "setup: note: $1 is not listening on 127.0.0.1:$2; npm test needs it" \
        "(scripts/setup.sh --with-services installs Debian's; .ci/run starts them)"
    fi
  done
fi
echo "setup: done"
