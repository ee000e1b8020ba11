#!/usr/bin/env bash
# The virtual environment (.venv, or $VENV): Odoo 17 and the project's requirements.
# - When the machine's python3 imports Odoo 17, the venv sees it (system site packages).
# - Otherwise, or with ODOO_INSTALL=venv, the venv has its own Odoo: the 17.0 source release
#   pinned in scripts/odoo-release.env, taken from $ODOO_SOURCE (a file or a URL) when set,
#   else from the download cache, else downloaded from Odoo's nightly server into the cache;
#   checked against the pinned version and checksum before anything is installed.
# The stamp is written after each part is complete, so an interrupted run is redone by the
# next one, never taken for a finished venv.
source "$(dirname "$0")/lib.sh"
stamp="$VENV/.setup-stamp"
log="$VENV/setup.log"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/smart_dairy_b2b"
want_req=$(sha256sum "$ROOT/requirements.txt" | cut -c1-64)

case "${ODOO_INSTALL:-}" in
    venv) mode=venv ;;
    "") if machine_has_odoo17; then mode=system; else mode=venv; fi ;;
    *) die "ODOO_INSTALL=$ODOO_INSTALL: the only value is 'venv' (install Odoo into .venv even
when the machine's python3 has Odoo 17); leave it unset otherwise." ;;
esac

stamped() { sed -n "s/^$1=//p" "$stamp" 2>/dev/null || true; }

pip_step() {  # pip_step WHAT PIP-ARGS...: pip's output goes to the log; a failure says which step
    local what=$1; shift
    say "$what"
    if ! "$PY" -m pip --disable-pip-version-check "$@" >> "$log" 2>&1; then
        tail -n 25 "$log" >&2
        die "pip failed while: $what.
Full log: $log
Some of Odoo's requirements are built from source: on Debian/Ubuntu install
'build-essential python3-dev libpq-dev' first. Or install Odoo 17 yourself, or use the
Docker setup (README.md, 'Getting Odoo 17')."
    fi
}

install_requirements() {  # requirements.txt has websocket-client: without it Odoo skips tours
    pip_step "Installing requirements.txt into $VENV" install -r "$ROOT/requirements.txt"
    printf 'requirements=%s\n' "$want_req" >> "$stamp"
}

fetch_url() {  # fetch_url URL FILE
    if command -v curl >/dev/null; then
        curl -fL# --retry 2 --connect-timeout 20 -o "$2" "$1"
    else
        python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(*sys.argv[1:])' "$1" "$2"
    fi
}

download() {  # download URL FILE
    say "Downloading Odoo $ODOO_VERSION from $1"
    mkdir -p "$(dirname "$2")"
    if ! fetch_url "$1" "$2"; then
        rm -f "$2"
        die "Could not download Odoo 17.0 from $1.
Download $ODOO_RELEASE_FILE elsewhere (from $ODOO_RELEASE_URL)
and run: ODOO_SOURCE=/path/to/$ODOO_RELEASE_FILE make run
Or install Odoo 17 yourself (README.md, 'Getting Odoo 17')."
    fi
}

# unpack_release ARCHIVE DIR [HINT]: extracts the release into DIR, checks that it is the
# pinned one and prints the folder to install it from.
unpack_release() {
    local archive=$1 dir=$2 hint=${3:-} pkg version sum
    local expected="
Use Odoo's 17.0 source release $ODOO_RELEASE_FILE ($ODOO_RELEASE_URL).$hint"
    mkdir -p "$dir"
    say "Unpacking and checking $archive"
    tar -xzf "$archive" -C "$dir" 2>/dev/null \
        || die "$archive is not a .tar.gz archive.$expected"
    pkg=$(ls "$dir"/*/PKG-INFO 2>/dev/null | head -n1 || true)
    [ -n "$pkg" ] && [ -d "$(dirname "$pkg")/odoo" ] && grep -qx 'Name: odoo' "$pkg" \
        || die "$archive is not an Odoo source release (it has no odoo-*/PKG-INFO).$expected"
    version=$(sed -n 's/^Version: //p' "$pkg")
    [ "$version" = "$ODOO_VERSION" ] || die "$archive is Odoo $version, not the pinned $ODOO_VERSION (scripts/odoo-release.env).$expected"
    sum=$(cd "$(dirname "$pkg")" && find odoo -type f -print0 | LC_ALL=C sort -z \
        | xargs -0 sha256sum | sha256sum | cut -c1-64)
    [ "$sum" = "$ODOO_TREE_SHA256" ] || die "$archive says Odoo $version, but its files differ from that
release (checksum of odoo/: $sum, pinned: $ODOO_TREE_SHA256):
the copy is damaged or modified.$expected"
    # pip keeps the wheel it builds from a folder named like odoo-17.0.x in its cache
    # (300 MB, under a key made of this temporary path: never reused); under this name it
    # does not.
    mv "$(dirname "$pkg")" "$dir/release"
    echo "$dir/release"
}

install_odoo() {  # a venv of its own with the pinned Odoo
    local archive src keep="" hint=""
    python3 -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))' \
        || die "Odoo 17 runs on Python 3.10 to 3.12; python3 is $(python3 -V 2>&1).
Put a supported python3 first on PATH, or use the Docker setup (README.md)."
    work=$(mktemp -d "${TMPDIR:-/tmp}/smart_dairy_odoo.XXXXXX")  # global: the EXIT trap reads it
    trap 'rm -rf "$work"' EXIT
    if [ -n "${ODOO_SOURCE:-}" ]; then
        case "$ODOO_SOURCE" in
            http://* | https://*)
                archive="$cache/$ODOO_RELEASE_FILE.part"; keep="$cache/$ODOO_RELEASE_FILE"
                download "$ODOO_SOURCE" "$archive" ;;
            *)
                [ -f "$ODOO_SOURCE" ] || die "ODOO_SOURCE=$ODOO_SOURCE: no such file. Give the path
(or the URL) of Odoo's 17.0 source release $ODOO_RELEASE_FILE."
                archive=$ODOO_SOURCE ;;
        esac
    elif [ -f "$cache/$ODOO_RELEASE_FILE" ]; then
        archive="$cache/$ODOO_RELEASE_FILE"
        hint=" Or delete the cached $archive to download it again."
    else
        archive="$cache/$ODOO_RELEASE_FILE.part"; keep="$cache/$ODOO_RELEASE_FILE"
        download "$ODOO_RELEASE_URL" "$archive"
    fi
    [ -z "$keep" ] || trap 'rm -rf "$work" "$archive"' EXIT  # a download that fails the check
    src=$(unpack_release "$archive" "$work/src" "$hint")
    [ -z "$keep" ] || { mv "$archive" "$keep"; trap 'rm -rf "$work"' EXIT; }

    say "Setting up the virtual environment $VENV with its own Odoo $ODOO_VERSION (a few minutes)"
    rm -rf "$VENV"
    python3 -m venv "$VENV" || die "python3 -m venv failed (on Debian/Ubuntu: apt-get install python3-venv)."
    # python-ldap needs the system's LDAP headers; the addon does not use LDAP.
    grep -v -i '^python-ldap' "$src/requirements.txt" > "$work/odoo-requirements.txt"
    pip_step "Installing Odoo's requirements (from its requirements.txt, without python-ldap)" \
        install -r "$work/odoo-requirements.txt"
    # A regular install, not 'pip install -e': OCA's odoo-addon-* wheels (report_xlsx)
    # install into odoo/addons of the installed package.
    pip_step "Installing Odoo $ODOO_VERSION" install "$src"
    printf 'mode=venv\nodoo=%s\n' "$ODOO_VERSION" > "$stamp"
}

odoo_in_place() {  # the venv's Odoo is complete and the one this run wants
    [ -x "$PY" ] || return 1
    case "$(stamped mode)" in
        venv) [ "$(stamped odoo)" = "$ODOO_VERSION" ] ;;  # kept even if the machine has Odoo now
        system) [ "$mode" = system ] ;;
        *) return 1 ;;
    esac
}

if odoo_in_place; then
    [ "$(stamped requirements)" = "$want_req" ] && exit 0
    sed -i '/^requirements=/d' "$stamp"
    install_requirements
    exit 0
fi
if [ "$mode" = system ]; then
    say "Setting up the virtual environment $VENV (it uses the machine's Odoo 17)"
    # one that had its own Odoo must not shadow the machine's
    grep -qs 'include-system-site-packages = false' "$VENV/pyvenv.cfg" && rm -rf "$VENV"
    rm -f "$stamp"
    python3 -m venv --system-site-packages "$VENV"
    printf 'mode=system\n' > "$stamp"
else
    install_odoo
fi
install_requirements
