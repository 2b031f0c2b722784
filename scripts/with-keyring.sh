#!/usr/bin/env bash
# Runs a command with a real OS keychain: a private D-Bus session bus with gnome-keyring's
# Secret Service, unlocked, keeping its keyring files in a throwaway directory (the user's own
# keyrings are not touched). Without dbus-run-session / gnome-keyring-daemon the command runs as
# is (the keychain tests then skip, unless LLM_NATIVE_REQUIRE_KEYRING=1 makes that an error).
set -euo pipefail
if [ "${LLM_NATIVE_KEYRING_READY:-}" = 1 ] || ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  exec "$@"
fi
exec dbus-run-session -- bash -c '
  set -euo pipefail
  data=$(mktemp -d)
  trap "rm -rf \"$data\"" EXIT
  # gnome-keyring creates and unlocks the login keyring with the password on stdin; an empty
  # password makes it prompt (there is no display to prompt on), so a throwaway one is used.
  printf throwaway | XDG_DATA_HOME="$data" gnome-keyring-daemon --daemonize --unlock --components=secrets >/dev/null
  export LLM_NATIVE_KEYRING_READY=1
  "$@"
' with-keyring "$@"
