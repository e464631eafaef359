#!/usr/bin/env bash
# The demo: a private Dovecot holding RFC 3501's example mailbox, and the SeedSession sample run against it.
# Extra arguments go to SeedSession.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash tests/install-dovecot.sh

exec dotnet run --project tests/ImapClient.TestServer -- --seed rfc3501 -- \
    dotnet run --project samples/SeedSession -- --host {host} --port {port} --user mrc --password secret "$@"
