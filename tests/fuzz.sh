#!/usr/bin/env bash
# Fuzzes the response scanner and parser with AFL++ through SharpFuzz for a given time (default 300 s):
#   bash tests/fuzz.sh [seconds]
# Installs afl++ (Debian) and the SharpFuzz instrumenter (NuGet) when missing. Work files go to .fuzz/ (ignored).
# Ends with the number of executions and what was found; every crash is replayed and its file kept in
# .fuzz/findings/default/crashes, to become a regression input in tests/ImapClient.Fuzz/corpus.
set -euo pipefail
seconds="${1:-300}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/.fuzz"
mkdir -p "$work"

if ! command -v afl-fuzz >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y afl++ >/dev/null; else sudo apt-get install -y afl++ >/dev/null; fi
fi
if [ ! -x "$work/tools/sharpfuzz" ]; then
  dotnet tool install --tool-path "$work/tools" SharpFuzz.CommandLine --version 2.3.0 >/dev/null
fi

# Two copies: an instrumented one for AFL++ (it works only under the fuzzer) and a plain one to replay inputs.
dotnet build "$root/tests/ImapClient.Fuzz" -c Release -o "$work/bin" -v quiet -nologo >/dev/null
rm -rf "$work/afl-bin" && cp -r "$work/bin" "$work/afl-bin"
"$work/tools/sharpfuzz" "$work/afl-bin/ImapClient.dll" >/dev/null

# The corpus replays cleanly before any fuzzing, or the run is pointless.
dotnet "$work/bin/ImapClient.Fuzz.dll" replay "$root/tests/ImapClient.Fuzz/corpus"

rm -rf "$work/findings"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
afl-fuzz -V "$seconds" -i "$root/tests/ImapClient.Fuzz/corpus" -o "$work/findings" -x "$root/tests/ImapClient.Fuzz/imap.dict" \
  -t 10000 -m none -- dotnet "$work/afl-bin/ImapClient.Fuzz.dll" >"$work/afl.log" 2>&1 || { tail -30 "$work/afl.log"; exit 1; }

stats="$work/findings/default/fuzzer_stats"
execs=$(awk -F': *' '/^execs_done/ {print $2}' "$stats")
crashes=$(awk -F': *' '/^saved_crashes|^unique_crashes/ {print $2; exit}' "$stats")
hangs=$(awk -F': *' '/^saved_hangs|^unique_hangs/ {print $2; exit}' "$stats")
paths=$(awk -F': *' '/^corpus_count|^paths_total/ {print $2; exit}' "$stats")
echo "fuzz: ${seconds} s, ${execs} executions, ${paths} corpus entries, ${crashes} crashes, ${hangs} hangs"
if [ "${crashes:-0}" != "0" ]; then
  dotnet "$work/bin/ImapClient.Fuzz.dll" replay "$work/findings/default/crashes" || true
  exit 1
fi
