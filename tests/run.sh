#!/usr/bin/env bash
# The test command: installs Dovecot if needed, runs every test project, prints one totals line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash tests/install-dovecot.sh

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

status=0
dotnet test ImapClient.sln -c Release --nologo -v quiet \
    --logger "console;verbosity=minimal" --logger trx --results-directory "$results" </dev/null || status=$?

# Each test assembly writes one .trx. Its <Counters> are unreliable (NUnit's ignored tests count nowhere), so every
# <UnitTestResult> outcome is counted instead: Passed, Failed/Error/Timeout/Aborted, anything else is skipped.
passed=0 failed=0 skipped=0
while IFS= read -r outcome; do
    case "$outcome" in
        Passed) passed=$((passed + 1)) ;;
        Failed | Error | Timeout | Aborted) failed=$((failed + 1)) ;;
        *) skipped=$((skipped + 1)) ;;
    esac
done < <(find "$results" -name '*.trx' -exec grep -o '<UnitTestResult [^>]*' {} + \
    | grep -o ' outcome="[A-Za-z]*"' | cut -d'"' -f2)

# The benchmark suite's quick run: every speed workload once at small size, its results checked. It is not a test
# and changes no count above, but its failure fails this script.
bench=0
dotnet build benchmarks/ImapClient.Benchmarks -c Release --nologo -v quiet -clp:NoSummary </dev/null || bench=$?
if [ "$bench" -eq 0 ]; then
    dotnet run -c Release --no-build --project benchmarks/ImapClient.Benchmarks -- --quick </dev/null || bench=$?
fi

code=0
if [ "$status" -ne 0 ]; then
    echo "dotnet test exited with $status" >&2
    code=$status
elif [ "$failed" -ne 0 ]; then
    code=1
elif [ "$passed" -eq 0 ]; then
    echo "no test ran" >&2
    code=1
fi
if [ "$bench" -ne 0 ]; then
    echo "the benchmark quick run failed (exit $bench)" >&2
    [ "$code" -ne 0 ] || code=1
fi

# The totals are the run's last line, whatever happened above.
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$code"
