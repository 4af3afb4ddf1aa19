#!/usr/bin/env bash
# Runs every HelpDesk test against a real PostgreSQL, a real IMAP server and a real headless browser.
#
# Database: HELPDESK_TEST_DB if set; else Testcontainers where a Docker engine answers; else a
# throwaway cluster from the machine's PostgreSQL binaries. IMAP: a throwaway Dovecot from Debian's
# dovecot-imapd (HELPDESK_DOVECOT to use another binary). Browser: Debian's Chromium
# (HELPDESK_CHROMIUM to use another). What is missing is installed where we can (as root on Debian);
# otherwise this says exactly what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

missing_packages=()
problems=()

if ! command -v dotnet >/dev/null 2>&1; then
  problems+=("the .NET 10 SDK (dotnet) is not on PATH: install it (Debian package dotnet-sdk-10.0 from Microsoft's repository, or the dotnet-install script).")
fi

have_postgres_binaries() {
  [ -n "${HELPDESK_PG_BIN:-}" ] && [ -x "${HELPDESK_PG_BIN}/initdb" ] && return 0
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && return 0
  command -v initdb >/dev/null 2>&1
}
docker_answers() { command -v docker >/dev/null 2>&1 && timeout 5 docker info >/dev/null 2>&1; }

if [ -z "${HELPDESK_TEST_DB:-}" ] && ! docker_answers && ! have_postgres_binaries; then
  missing_packages+=(postgresql)
fi

# The web project restores its browser libraries (Chart.js) with npm ci while it builds.
if ! command -v npm >/dev/null 2>&1; then
  missing_packages+=(nodejs npm)
fi

chromium="${HELPDESK_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ -n "${HELPDESK_CHROMIUM:-}" ]; then
    problems+=("HELPDESK_CHROMIUM points at $chromium, which is not an executable Chromium.")
  else
    missing_packages+=(chromium)
  fi
fi

dovecot="${HELPDESK_DOVECOT:-/usr/sbin/dovecot}"
if [ ! -x "$dovecot" ]; then
  if [ -n "${HELPDESK_DOVECOT:-}" ]; then
    problems+=("HELPDESK_DOVECOT points at $dovecot, which is not an executable Dovecot.")
  else
    missing_packages+=(dovecot-imapd)
  fi
fi

if [ ${#missing_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing_packages[*]} (apt-get)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_packages[@]}" >/dev/null
  else
    problems+=("missing: ${missing_packages[*]}. Install them (on Debian: sudo apt-get install -y ${missing_packages[*]}), or set HELPDESK_TEST_DB to a PostgreSQL connection string, HELPDESK_DOVECOT to a Dovecot binary and HELPDESK_CHROMIUM to a Chromium binary.")
  fi
fi

if [ ${#problems[@]} -gt 0 ]; then
  for p in "${problems[@]}"; do echo "Cannot run the tests: $p" >&2; done
  exit 1
fi

# Every test host watches its configuration files; Linux allows 128 inotify instances per user, which
# a run of many hosts (or two runs at once) can exhaust, and a host that cannot watch answers 500.
# Polling watchers and no configuration reloads need none.
export DOTNET_USE_POLLING_FILE_WATCHER=1
export DOTNET_hostBuilder__reloadConfigOnChange=false

# Formatting and code style as .editorconfig says, before the tests: 41 s here on a warm machine.
if ! dotnet format --verify-no-changes HelpDesk.sln; then
  echo "Formatting or code style differs from .editorconfig: run 'dotnet format HelpDesk.sln' and commit the result." >&2
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test HelpDesk.sln --nologo 2>&1 | tee "$log" || status=$?

# One closing line over every test assembly, in the form CI reads.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "Tests: ${passed} passed, ${failed} failed"
exit $status
