#!/usr/bin/env bash
# Reads `dotnet test` output on stdin, echoes it, and closes with one line that sums every test
# assembly's counts: "tests: N passed, N failed, N skipped". Exits with dotnet test's status ($1).
status=${1:-0}
awk '
  { print; fflush() }
  /^(Passed|Failed|Skipped)! +- Failed:/ {
    line = $0; gsub(/,/, "", line); n = split(line, f, /[ \t]+/)
    for (i = 1; i < n; i++) {
      if (f[i] == "Failed:") failed += f[i+1]
      if (f[i] == "Passed:") passed += f[i+1]
      if (f[i] == "Skipped:") skipped += f[i+1]
    }
  }
  END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }
'
exit "$status"
