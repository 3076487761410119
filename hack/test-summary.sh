#!/usr/bin/env bash
# Reads `dotnet test` output on stdin (console logger at verbosity=minimal or above), echoes it, then repeats
# each failed test's message (its first 60 lines) and closes with one line that sums every test assembly's
# counts: "tests: N passed, N failed, N skipped". The repeat puts the reasons where a log's tail shows them.
# Exits with dotnet test's status ($1).
status=${1:-0}
awk '
  { print; fflush() }
  /^  (Passed|Failed|Skipped) [^ ]/ || /^(Passed|Failed|Skipped)! +- / || /^Test run for / || /^\[xUnit\.net/ { capturing = 0 }
  capturing && kept < 60 { failures = failures "\n" $0; kept++ }
  /^  Failed [^ ]/ { capturing = 1; kept = 0; failures = failures "\n" $0 }
  /^(Passed|Failed|Skipped)! +- Failed:/ {
    line = $0; gsub(/,/, "", line); n = split(line, f, /[ \t]+/)
    for (i = 1; i < n; i++) {
      if (f[i] == "Failed:") failed += f[i+1]
      if (f[i] == "Passed:") passed += f[i+1]
      if (f[i] == "Skipped:") skipped += f[i+1]
    }
  }
  END {
    if (failures != "") printf "\nfailed tests (first 60 lines of each):%s\n\n", failures
    printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped
  }
'
exit "$status"
