#!/usr/bin/env bash
# The standalone demo (`make demo`): runs ladder-runner on config/samples/demo.yaml and pushes a live source into
# it over RTMP, then prints the player page's URL. Ctrl-C stops both cleanly. Expects `make build` to have run.
#
#   LADDER_DEMO_HTTP=127.0.0.1:8080   where the origin and the player page listen
#   LADDER_DEMO_CLIP=path.mp4          the clip to loop (default ../shared/media/bbb-720p24-h264-aac-30s.mp4;
#                                      when it is absent, ffmpeg's testsrc2 + sine are encoded instead)
set -euo pipefail
cd "$(dirname "$0")/.."

http="${LADDER_DEMO_HTTP:-127.0.0.1:8080}"
clip="${LADDER_DEMO_CLIP:-../shared/media/bbb-720p24-h264-aac-30s.mp4}"
rtmp="rtmp://127.0.0.1:1935/live/demo"   # the demo sample listens on rtmp://0.0.0.0:1935/live/demo
runner_dll="pipeline-runner/Ladder.Runner/bin/${CONFIGURATION:-Release}/net10.0/ladder-runner.dll"

for tool in dotnet ffmpeg curl; do
  command -v "$tool" >/dev/null || { echo "demo: $tool is missing; run 'bash hack/install-deps.sh'" >&2; exit 1; }
done
[ -f "$runner_dll" ] || { echo "demo: $runner_dll is missing; run 'make build' first" >&2; exit 1; }

runner_pid=""
pusher_pid=""
stopping=0
stop() {
  stopping=1
  trap '' INT TERM
  echo
  echo "demo: stopping"
  # Background jobs of a script ignore SIGINT, so both get SIGTERM: the runner first (it drains its encoders, then
  # exits), the pusher once it is gone, so the runner never sees its input leave and reconnect while stopping.
  [ -n "$runner_pid" ] && kill -TERM "$runner_pid" 2>/dev/null || true
  [ -n "$runner_pid" ] && wait "$runner_pid" 2>/dev/null || true
  [ -n "$pusher_pid" ] && kill -TERM "$pusher_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  echo "demo: stopped"
  exit 0
}
trap stop INT TERM

dotnet "$runner_dll" run -f config/samples/demo.yaml --http "$http" &
runner_pid=$!

# Wait until the runner answers (it listens for RTMP from the moment the pipeline starts).
for _ in $(seq 1 100); do
  curl -fsS "http://$http/healthz" >/dev/null 2>&1 && break
  kill -0 "$runner_pid" 2>/dev/null || { echo "demo: ladder-runner exited; see its log above" >&2; exit 1; }
  sleep 0.2
done

if [ -f "$clip" ]; then
  echo "demo: pushing $clip (looped) to $rtmp"
  pusher=(ffmpeg -nostdin -hide_banner -loglevel error -re -stream_loop -1 -i "$clip" -c copy -f flv "$rtmp")
else
  echo "demo: $clip not found; pushing ffmpeg's testsrc2 + sine to $rtmp"
  pusher=(ffmpeg -nostdin -hide_banner -loglevel error -re
    -f lavfi -i "testsrc2=size=1280x720:rate=24" -f lavfi -i "sine=frequency=440:sample_rate=48000"
    -c:v libx264 -preset veryfast -tune zerolatency -g 48 -pix_fmt yuv420p -c:a aac -b:a 128k -f flv "$rtmp")
fi

echo
echo "Open http://$http/ in a browser (HLS: http://$http/hls/master.m3u8, DASH: http://$http/dash/manifest.mpd)."
echo "Press Ctrl-C to stop."
echo

# Keep a pusher running: restart it when it dies (the runner waits for the next one on the same URL).
while [ "$stopping" -eq 0 ]; do
  "${pusher[@]}" &
  pusher_pid=$!
  wait "$pusher_pid" || true
  [ "$stopping" -eq 0 ] || break
  kill -0 "$runner_pid" 2>/dev/null || { echo "demo: ladder-runner exited; see its log above" >&2; exit 1; }
  echo "demo: the pusher stopped; restarting it in 1 s"
  sleep 1
done
