#!/usr/bin/env bash
# Makes sure Dovecot's IMAP server and openssl are installed; the test harness runs its own private instance of it.
set -euo pipefail

have_dovecot() { [ -x /usr/sbin/dovecot ] || command -v dovecot >/dev/null 2>&1; }
have_openssl() { command -v openssl >/dev/null 2>&1; }

if have_dovecot && have_openssl; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-dovecot: Dovecot or openssl is missing and this is not root." >&2
    echo "install-dovecot: run: sudo apt-get install -y dovecot-imapd openssl" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-dovecot: Dovecot or openssl is missing and there is no apt-get: install dovecot-imapd and openssl." >&2
    exit 1
fi

# Package scripts must not start a system Dovecot on 143/993: a policy-rc.d exiting 101 forbids service starts.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT
fi

echo "install-dovecot: installing dovecot-imapd and openssl" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq </dev/null
apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    dovecot-imapd openssl </dev/null >/dev/null

if ! have_dovecot; then
    echo "install-dovecot: dovecot is still missing after the install." >&2
    exit 1
fi
