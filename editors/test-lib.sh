# Shared by the editors' test/install.sh scripts: `source` it, then
# `apt_install EDITOR PACKAGE...` installs Debian packages, refreshing the
# package lists only when a package is not found without.
apt_install() {
    local editor=$1
    shift
    echo "$editor: installing $* with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y --no-install-recommends "$@"; then
        apt-get update
        apt-get install -y --no-install-recommends "$@"
    fi
}
