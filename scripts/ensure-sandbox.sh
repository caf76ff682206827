#!/usr/bin/env bash
# Makes sure the visiting environment's sandbox works on this host. Idempotent.
#  1. Installs Debian's bubblewrap (apt-get) if `bwrap` is missing.
#  2. Checks that it can build the sandbox runs use: new user, PID, IPC, UTS, cgroup and network namespaces, a
#     private /proc, /dev and /tmp, /usr read-only, nothing else of the host; and that the network namespace holds
#     nothing but a loopback interface. Also checks prlimit (util-linux), which sets the runs' resource limits.
# Exit 0 when runs can be sandboxed; 1 (with the reason) when not — the gatekeeper then refuses runs unless
# VisitingEnvironment:AllowUnsandboxedRuns is set (development only).
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v bwrap >/dev/null 2>&1; then
  echo "Installing bubblewrap (Debian package)..." >&2
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >&2
fi
if ! command -v prlimit >/dev/null 2>&1; then
  echo "Installing util-linux (for prlimit)..." >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq util-linux >&2
fi

bwrap_path="$(command -v bwrap)"
version="$(bwrap --version 2>/dev/null || echo 'bubblewrap (unknown version)')"

# The same root layout the launcher builds: /usr read-only, and /bin, /lib, /lib64, /sbin as on this host.
args=(--unshare-all --unshare-user --die-with-parent --new-session --cap-drop ALL --clearenv --setenv PATH /usr/bin:/bin
      --ro-bind /usr /usr)
for path in /bin /lib /lib64 /sbin; do
  if [ -L "$path" ]; then args+=(--symlink "$(readlink "$path")" "$path");
  elif [ -d "$path" ]; then args+=(--ro-bind "$path" "$path"); fi
done
args+=(--proc /proc --dev /dev --tmpfs /tmp)

if ! output="$(bwrap "${args[@]}" /bin/sh -c 'tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d " "' 2>&1)"; then
  echo "FAIL: $version at $bwrap_path cannot create the sandbox's namespaces:" >&2
  echo "  $output" >&2
  echo "  Unprivileged user namespaces may be disabled (sysctl kernel.unprivileged_userns_clone=1," >&2
  echo "  user.max_user_namespaces > 0), or a container runtime's seccomp profile blocks unshare/mount." >&2
  exit 1
fi
interfaces="$(echo "$output" | tr '\n' ' ' | sed 's/ *$//')"
if [ "$interfaces" != "lo" ]; then
  echo "FAIL: the sandbox's network namespace has interfaces other than loopback: $interfaces" >&2
  exit 1
fi

echo "OK: $version at $bwrap_path creates the sandbox (network namespace: lo only); prlimit at $(command -v prlimit)."
