# Sourced by the benchmark scripts. `need COMMAND PACKAGE`: installs the Debian PACKAGE (with sudo
# unless root) when COMMAND is not on the PATH.
need() {
  command -v "$1" >/dev/null && return 0
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "installing: $2" >&2
  $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq "$2" >&2
}
