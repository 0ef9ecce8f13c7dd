#!/usr/bin/env bash
# Install hipcoach for the current user only (into ~/.local: no root needed), or remove what this script installed.
#
#   packaging/install-linux.sh                    launcher running this checkout's .venv (made by ./.ci/setup)
#   packaging/install-linux.sh --bundle DIR       copy a PyInstaller bundle (dist/hipcoach) and launch that instead
#   packaging/install-linux.sh --routine ID       what the menu's "Start my routine" starts (default: gentle-mobility)
#   packaging/install-linux.sh --uninstall        remove everything this script installed (your data stays)
#
# Installs: ~/.local/bin/hipcoach (a small launcher), the menu entry, the icons and the AppStream metadata under
# ${XDG_DATA_HOME:-~/.local/share}, and with --bundle the bundle itself in ~/.local/lib/hipcoach. Your history,
# settings and routines live in the data folder (Help, About shows it) and are never touched here.
set -euo pipefail

APP_ID=io.github.hipcoach.HipCoach
MARK="# Installed by hipcoach's packaging/install-linux.sh"
ICON_SIZES=(16 24 32 48 64 128 256 512)
DEFAULT_ROUTINE=gentle-mobility

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
BIN_DIR=$HOME/.local/bin
LAUNCHER=$BIN_DIR/hipcoach
BUNDLE_HOME=$HOME/.local/lib/hipcoach
DESKTOP_FILE=$DATA_HOME/applications/$APP_ID.desktop
METAINFO_FILE=$DATA_HOME/metainfo/$APP_ID.metainfo.xml
ICONS=$DATA_HOME/icons/hicolor

say() { printf 'install-linux: %s\n' "$*"; }
die() { printf 'install-linux: error: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,11s/^# \{0,1\}//p' "$0"; }

icon_files() {  # every icon file this script installs
    local size
    for size in "${ICON_SIZES[@]}"; do printf '%s\n' "$ICONS/${size}x${size}/apps/$APP_ID.png"; done
    printf '%s\n' "$ICONS/scalable/apps/$APP_ID.svg"
}

ours() { [ -f "$1" ] && grep -qF "$MARK" "$1"; }

uninstall() {
    local file removed=0
    if [ -e "$LAUNCHER" ] && ! ours "$LAUNCHER"; then
        say "leaving $LAUNCHER alone: it was not installed by this script"
    elif [ -e "$LAUNCHER" ]; then
        rm -f "$LAUNCHER"; removed=$((removed + 1))
    fi
    if [ -d "$BUNDLE_HOME" ]; then
        [ -f "$BUNDLE_HOME/.installed-by-hipcoach" ] || die "$BUNDLE_HOME was not installed by this script; remove it yourself"
        rm -rf "$BUNDLE_HOME"; removed=$((removed + 1))
    fi
    while IFS= read -r file; do
        if [ -e "$file" ]; then rm -f "$file"; removed=$((removed + 1)); fi
    done < <(printf '%s\n' "$DESKTOP_FILE" "$METAINFO_FILE"; icon_files)
    while IFS= read -r file; do  # the icon folders left empty (.../48x48/apps, .../48x48), never above hicolor/
        rmdir "$(dirname "$file")" "$(dirname "$(dirname "$file")")" 2>/dev/null || true
    done < <(icon_files)
    say "removed $removed files and folders (your data folder is untouched)"
}

install() {
    local routine=$1 bundle=$2 target size
    case $HOME in *[\'\"\`\$\\]*) die "HOME contains a quote, backquote, dollar or backslash: not supported" ;; esac
    case $routine in ''|*[!a-z0-9-]*) die "--routine takes a routine id such as $DEFAULT_ROUTINE" ;; esac

    if [ -e "$LAUNCHER" ] && ! ours "$LAUNCHER"; then
        die "$LAUNCHER exists and was not installed by this script (pip install --user?); remove it first"
    fi
    if [ -n "$bundle" ]; then
        [ -x "$bundle/hipcoach" ] && [ -d "$bundle/_internal" ] \
            || die "--bundle $bundle: not a hipcoach bundle (expected hipcoach and _internal/ in it)"
        if [ -d "$BUNDLE_HOME" ] && [ ! -f "$BUNDLE_HOME/.installed-by-hipcoach" ]; then
            die "$BUNDLE_HOME exists and was not installed by this script"
        fi
        rm -rf "$BUNDLE_HOME"
        mkdir -p "$(dirname "$BUNDLE_HOME")"
        cp -a "$bundle" "$BUNDLE_HOME"
        : >"$BUNDLE_HOME/.installed-by-hipcoach"
        target=$BUNDLE_HOME/hipcoach
    else
        target=$ROOT/.venv/bin/hipcoach
        [ -x "$target" ] || die "no $target: run ./.ci/setup first, or pass --bundle DIR"
        case $target in *\'*) die "the checkout's path contains a single quote: not supported" ;; esac
    fi
    # The routine must exist: the launcher lists them without opening a window.
    "$target" routines | awk 'NR > 1 { print $1 }' | grep -qxF -- "$routine" \
        || die "--routine $routine: no such routine (see: $target routines)"

    mkdir -p "$BIN_DIR" "$(dirname "$DESKTOP_FILE")" "$(dirname "$METAINFO_FILE")"
    printf '#!/bin/sh\n%s; remove with --uninstall\nexec '\''%s'\'' "$@"\n' "$MARK" "$target" >"$LAUNCHER"
    chmod 755 "$LAUNCHER"

    # The menu entry runs the launcher by its full path: ~/.local/bin is not on every desktop session's PATH.
    sed -e "s|^Exec=hipcoach --start $DEFAULT_ROUTINE\$|Exec=\"$LAUNCHER\" --start $routine|" \
        -e "s|^Exec=hipcoach\$|Exec=\"$LAUNCHER\"|" \
        -e "s|^TryExec=hipcoach\$|TryExec=$LAUNCHER|" \
        "$HERE/$APP_ID.desktop" >"$DESKTOP_FILE"
    grep -q "^Exec=\"$LAUNCHER\" --start $routine\$" "$DESKTOP_FILE" || die "could not write $DESKTOP_FILE"
    cp "$HERE/$APP_ID.metainfo.xml" "$METAINFO_FILE"

    for size in "${ICON_SIZES[@]}"; do
        mkdir -p "$ICONS/${size}x${size}/apps"
        cp "$ROOT/resources/icons/hicolor/${size}x${size}/apps/$APP_ID.png" "$ICONS/${size}x${size}/apps/"
    done
    mkdir -p "$ICONS/scalable/apps"
    cp "$ROOT/resources/icons/$APP_ID.svg" "$ICONS/scalable/apps/"
    touch "$ICONS"  # icon caches notice a changed folder

    say "installed: $LAUNCHER -> $target"
    say "menu entry $DESKTOP_FILE (\"Start my routine\" starts $routine), icons, metadata"
    case ":$PATH:" in *":$BIN_DIR:"*) ;; *) say "note: $BIN_DIR is not on your PATH; the menu entry works anyway" ;; esac
}

main() {
    local mode=install routine=$DEFAULT_ROUTINE bundle=""
    while [ $# -gt 0 ]; do
        case $1 in
            --uninstall) mode=uninstall ;;
            --routine) [ $# -ge 2 ] || die "--routine needs an id"; routine=$2; shift ;;
            --routine=*) routine=${1#*=} ;;
            --bundle) [ $# -ge 2 ] || die "--bundle needs a folder"; bundle=$(cd "$2" && pwd) || exit 1; shift ;;
            --bundle=*) bundle=$(cd "${1#*=}" && pwd) || exit 1 ;;
            -h|--help) usage; exit 0 ;;
            *) usage >&2; die "unknown option: $1" ;;
        esac
        shift
    done
    if [ "$mode" = uninstall ]; then uninstall; else install "$routine" "$bundle"; fi
}

main "$@"
