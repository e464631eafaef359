#!/usr/bin/env bash
# Counts the unit-test project's test cases and assertions, so that a reshuffle of the tests can show nothing was lost.
#   bash tests/count-tests.sh            builds, then counts the cases NUnit discovers (dotnet test --list-tests)
#   bash tests/count-tests.sh --no-build counts the attributes and assertions only (no build, a few seconds)
# Definitions (kept fixed so counts taken on different days compare):
#   cases       lines NUnit lists under "The following Tests are available:" (every [TestCase], source row and value)
#   attributes  [Test], [TestCase(...)], [TestCaseSource(...)] and [Theory] attributes in the .cs files
#   assertions  occurrences of "Assert." in the .cs files (Assert.That, Assert.Multiple, Assert.ThrowsAsync, ...)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/ImapClient.Tests"

files=$(find . -name '*.cs' -not -path './bin/*' -not -path './obj/*')
# shellcheck disable=SC2086
attributes=$(cat $files | grep -oE '\[(Test|TestCase|TestCaseSource|Theory)(\(|\]|,)' | wc -l)
# shellcheck disable=SC2086
assertions=$(cat $files | grep -oF 'Assert.' | wc -l)

if [ "${1:-}" != "--no-build" ]; then
    export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
    cases=$(dotnet test -c Release --nologo -v quiet --list-tests </dev/null \
        | sed -n '/The following Tests are available:/,$p' | tail -n +2 | grep -c '^    ')
    echo "cases: $cases"
fi
echo "attributes: $attributes"
echo "assertions: $assertions"
