#!/usr/bin/env bash
# Gatekeeper's two commands for a fresh Debian machine that has the .NET SDK:
#   ./gatekeeper.sh run    restore, build and serve the portal with demo data on http://127.0.0.1:5080
#   ./gatekeeper.sh test   install what the tests need, start PostgreSQL on loopback, run every test
# Both are idempotent: a second run installs nothing and prints little.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

readonly portal_url="http://127.0.0.1:5080"
readonly portal_port=5080
readonly test_configuration="Release"
readonly results_dir="$root/artifacts/test-results"
# Debian packages the tests use: PostgreSQL (store tests), bubblewrap (enclave sandbox),
# chromium (browser tests, driven by Playwright without a browser download), CJK fonts (screenshots).
readonly test_packages=(postgresql bubblewrap chromium fonts-noto-cjk)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
say() { printf '%s==>%s %s\n' "$bold" "$plain" "$*"; }
die() { printf 'gatekeeper.sh: %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<EOF
Usage: ./gatekeeper.sh COMMAND

Commands:
  run    Restore, build and serve the researcher portal on $portal_url
         (Development environment, embedded SQLite store, OpenID Connect provider and demo data in ./data/;
         the first run prints one-time passwords for the demo accounts).
  test   Install what the tests need (Debian packages: ${test_packages[*]}),
         start PostgreSQL on loopback, build Gatekeeper.sln ($test_configuration) and run every test.
         Ends with a line "N passed, N failed, N skipped"; exits non-zero on any failure.
         Test results (TRX) are written to artifacts/test-results/.
  help   Show this message.
EOF
}

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "'$*' needs root; run as root or install sudo."
  fi
}

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 ||
    die "the .NET SDK is not installed. Install the .NET 10 SDK (https://dot.net), then run this again."
  dotnet --version >/dev/null 2>&1 ||
    die "no .NET SDK matching global.json (10.0) is installed; found: $(dotnet --list-sdks 2>/dev/null | tr '\n' ' ')"
}

# Installs the given Debian packages that are missing; does nothing (and prints nothing) when all are there.
ensure_packages() {
  local missing=() package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "missing packages (${missing[*]}) and no apt-get to install them."
  say "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Builds quietly: the output is kept in artifacts/build.log and shown only when the build fails.
quiet_build() {
  local log="$root/artifacts/build.log"
  mkdir -p "$root/artifacts"
  if ! dotnet build "$@" -nologo -v quiet >"$log" 2>&1; then
    grep -E ': (error|warning) ' "$log" | sort -u >&2 || cat "$log" >&2
    die "the build failed (errors above; full output in ${log#"$root"/})."
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

print_portal_banner() {
  cat <<EOF

  Gatekeeper is running: $portal_url
  Sign in with a demo account. On the first run the portal printed every account's one-time
  password above ("Gatekeeper demo accounts"); you choose a new password at first sign-in, and
  staff roles (steward, reviewers, chair, checkers, operator, admin) set up an authenticator app (TOTP).
  To start again from scratch, stop the portal and delete $root/data/.
  API reference: $portal_url/api/docs    Health: $portal_url/healthz    Stop with Ctrl+C.

EOF
}

cmd_run() {
  require_dotnet
  if port_open "$portal_port"; then
    die "port $portal_port on 127.0.0.1 is already in use (is Gatekeeper already running? Then open $portal_url)."
  fi
  say "Restoring and building the portal (the first time takes a few minutes)"
  quiet_build src/Gatekeeper.Web/Gatekeeper.Web.csproj -c Debug

  export ASPNETCORE_ENVIRONMENT=Development
  export Gatekeeper__DataFolder="$root/data"
  # Runs execute in a bubblewrap sandbox. Where none can be built (no bubblewrap, user namespaces disabled), the
  # demo falls back to the development switch: runs execute unsandboxed and every page shows a warning banner.
  local sandbox_message
  if ! sandbox_message="$(bash scripts/ensure-sandbox.sh 2>&1)"; then
    printf 'gatekeeper.sh: WARNING: no working sandbox (%s); runs will execute UNSANDBOXED (development only).\n' "$sandbox_message" >&2
    export VisitingEnvironment__AllowUnsandboxedRuns=true
  fi
  say "Starting the portal on $portal_url (database created and demo data seeded on first run)"
  # Print where to go once the portal answers; detached so it never outlives or blocks the portal.
  local script_pid=$$
  ( (
    for _ in $(seq 1 240); do
      if port_open "$portal_port"; then print_portal_banner; exit 0; fi
      kill -0 "$script_pid" 2>/dev/null || exit 0
      sleep 0.5
    done
  ) & )
  exec dotnet run --project src/Gatekeeper.Web/Gatekeeper.Web.csproj -c Debug --no-build --no-launch-profile --urls "$portal_url"
}

# Totals of this run as "PROJECTS PASSED FAILED SKIPPED": from the per-project summaries in this run's
# console output (which no other run can mix into), or from the TRX files when there are none.
summarise_results() {
  local console_log="$1" passed=0 failed=0 skipped=0 projects=0 file counters line
  counter() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  while IFS= read -r line; do
    projects=$((projects + 1))
    passed=$((passed + $(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$line")))
    failed=$((failed + $(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$line")))
    skipped=$((skipped + $(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$line")))
  done < <(grep -E '^(Passed|Failed)! +- Failed: *[0-9]+, Passed: *[0-9]+, Skipped: *[0-9]+' "$console_log" || true)
  if [ "$projects" -eq 0 ]; then
    for file in "$results_dir"/*.trx; do
      [ -e "$file" ] || continue
      projects=$((projects + 1))
      counters="$(grep -o '<Counters [^>]*' "$file" | head -n 1) "
      passed=$((passed + $(counter passed)))
      failed=$((failed + $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted)))
      skipped=$((skipped + $(counter notExecuted)))
    done
  fi
  echo "$projects $passed $failed $skipped"
}

cmd_test() {
  require_dotnet
  ensure_packages "${test_packages[@]}"
  local sandbox_message
  sandbox_message="$(bash scripts/ensure-sandbox.sh 2>&1)" ||
    die "the visiting environment's sandbox does not work on this machine: ${sandbox_message}"

  say "Starting PostgreSQL on loopback"
  GATEKEEPER_TEST_POSTGRES="$(bash scripts/ensure-postgres.sh)" || die "PostgreSQL could not be started (see above)."
  export GATEKEEPER_TEST_POSTGRES

  if [ -n "${CI:-}" ]; then
    # No build servers left behind on a CI machine.
    export MSBUILDDISABLENODEREUSE=1
    trap 'dotnet build-server shutdown >/dev/null 2>&1 || true' EXIT
  fi

  say "Restoring and building Gatekeeper.sln ($test_configuration; the first time takes a few minutes)"
  quiet_build Gatekeeper.sln -c "$test_configuration"

  say "Running the tests (benchmarks are not run)"
  mkdir -p "$results_dir"
  rm -f "$results_dir"/*.trx
  local console_log status
  console_log="$(mktemp)"
  # A test project that hangs is stopped after 10 minutes, so a stuck run never eats CI's time limit.
  set +e
  dotnet test Gatekeeper.sln -c "$test_configuration" --no-build --nologo \
    --results-directory "$results_dir" \
    --logger "trx;LogFilePrefix=gatekeeper" \
    --logger "console;verbosity=minimal" \
    --blame-hang-timeout 10m --blame-hang-dump-type none 2>&1 | tee "$console_log"
  status="${PIPESTATUS[0]}"
  set -e
  find "$results_dir" -mindepth 1 -type d -empty -delete
  cp "$console_log" "$results_dir/dotnet-test.log"

  local projects passed failed skipped
  read -r projects passed failed skipped <<<"$(summarise_results "$console_log")"
  rm -f "$console_log"
  echo
  if [ "$projects" -eq 0 ]; then
    echo "No test results were written; the test run did not complete (see above)." >&2
    [ "$status" -ne 0 ] || status=1
  elif [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "dotnet test exited with code $status although no test failed: a test host crashed or a project did not run (see above)." >&2
  fi
  echo "Test results of $projects test project(s): ${results_dir#"$root"/}/"
  echo "$passed passed, $failed failed, $skipped skipped"
  if [ "$failed" -gt 0 ] && [ "$status" -eq 0 ]; then status=1; fi
  return "$status"
}

case "${1:-help}" in
  run) cmd_run ;;
  test) cmd_test ;;
  help | -h | --help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
