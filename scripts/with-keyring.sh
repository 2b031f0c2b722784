#!/usr/bin/env bash
# Runs a command with a real OS keychain: a private D-Bus session bus with gnome-keyring's
# Secret Service, unlocked, keeping its keyring files in a throwaway directory (the user's own
# keyrings are not touched). Without dbus-run-session / gnome-keyring-daemon the command runs as
# is (the keychain tests then skip, unless LLM_NATIVE_REQUIRE_KEYRING=1 makes that an error).
#
# The bus starts the daemon itself (D-Bus activation, from a service file of ours), so if the
# daemon ever exits, the next call starts it again on the same unlocked keyring and its stored
# secrets. With the system's service file instead, the bus would start a daemon with no keyring
# at all, and every keychain call after that fails with "no result found" (seen once in CI).
set -euo pipefail
if [ "${LLM_NATIVE_KEYRING_READY:-}" = 1 ] || ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  exec "$@"
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/services" "$dir/data"

# gnome-keyring creates and unlocks the login keyring with the password on stdin; an empty
# password makes it prompt (there is no display to prompt on), so a throwaway one is used.
cat > "$dir/start-keyring" <<EOF
#!/bin/sh
printf throwaway | XDG_DATA_HOME="$dir/data" gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null
status=\$?
[ ! -e "$dir/running" ] || echo "with-keyring: gnome-keyring-daemon exited (status \$status) while the command ran; the next keychain call starts it again" >&2
EOF
chmod +x "$dir/start-keyring"
cat > "$dir/services/org.freedesktop.secrets.service" <<EOF
[D-BUS Service]
Name=org.freedesktop.secrets
Exec=$dir/start-keyring
EOF
# The session bus's usual configuration, with our service directory searched first.
cat > "$dir/session.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <servicedir>$dir/services</servicedir>
  <include>/usr/share/dbus-1/session.conf</include>
</busconfig>
EOF

status=0
dbus-run-session --config-file="$dir/session.conf" -- bash -c '
  set -euo pipefail
  # Start the daemon now, so the first keychain call does not wait for it.
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.StartServiceByName string:org.freedesktop.secrets uint32:0 >/dev/null
  export LLM_NATIVE_KEYRING_READY=1
  touch "$1/running"
  status=0
  "${@:2}" || status=$?
  rm "$1/running"
  exit "$status"
' with-keyring "$dir" "$@" || status=$?
exit "$status"
