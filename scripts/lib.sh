# Shared helpers for scripts/setup, scripts/run and scripts/test. Sourced, not run.

LANTAI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf 'lantai %s: %s\n' "${LANTAI_STEP:-setup}" "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Run a command as root: directly when we are root, through sudo when it exists, else stop with
# a message saying what to run.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root for: $* — run it as root (or install sudo), then run this again"
    fi
}

# True when something accepts TCP connections on 127.0.0.1:PORT.
port_answers() {
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}
