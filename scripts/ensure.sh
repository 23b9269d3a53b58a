#!/usr/bin/env bash
# Installs what `npm start` / `npm test` need and is missing: Debian packages (when run as root with
# apt) and the npm dependencies. Usage: scripts/ensure.sh start|test
set -euo pipefail
mode="${1:-test}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# One language per message, chosen as the CLI chooses it: an English locale (en*) says English,
# anything else Vietnamese.
lang_of_locale="${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}"
say() { # say VIETNAMESE ENGLISH
  case "$lang_of_locale" in en*) echo "vanthu: $2" >&2 ;; *) echo "vanthu: $1" >&2 ;; esac
}

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  say "cần Node.js ≥ 20 (đang có $(node -v))" "Node.js 20 or newer is required (found $(node -v))"
  exit 1
fi

# Debian package → a file it provides, as a glob (cheap presence check without dpkg on other systems).
# fonts-liberation2 covers Vietnamese (Times New Roman/Arial metrics): DOCX drafts convert with their text.
declare -A provides=(
  [softhsm2]=/usr/lib/softhsm/libsofthsm2.so
  [opensc]=/usr/bin/pkcs11-tool
  [openssl]=/usr/bin/openssl
  [poppler-utils]=/usr/bin/pdfsig
  [qpdf]=/usr/bin/qpdf
  [mupdf-tools]=/usr/bin/mutool
  [libnss3-tools]=/usr/bin/certutil
  [chromium]=/usr/bin/chromium
  [gnome-keyring]=/usr/bin/gnome-keyring-daemon
  [dbus-daemon]=/usr/bin/dbus-run-session
  [dbus-bin]=/usr/bin/dbus-send
  [libsecret-tools]=/usr/bin/secret-tool
  [postgresql]='/usr/lib/postgresql/*/bin/initdb'
  [fonts-liberation2]=/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf
  [libreoffice-writer-nogui]=/usr/lib/libreoffice/program/libswlo.so
)
case "$mode" in
  start) wanted=(softhsm2 opensc openssl chromium fonts-liberation2) ;;
  test) wanted=(softhsm2 opensc openssl poppler-utils qpdf mupdf-tools libnss3-tools chromium gnome-keyring dbus-daemon dbus-bin libsecret-tools postgresql fonts-liberation2 libreoffice-writer-nogui) ;;
  *) echo "usage: scripts/ensure.sh start|test" >&2; exit 2 ;;
esac

missing=()
for pkg in "${wanted[@]}"; do
  compgen -G "${provides[$pkg]}" >/dev/null || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "cài gói hệ thống: ${missing[*]}" "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    for pkg in "${missing[@]}"; do
      say "thiếu gói $pkg (sudo apt-get install $pkg)" "missing package $pkg (sudo apt-get install $pkg)"
    done
    [ "$mode" = start ] || exit 1
  fi
fi

# npm dependencies: install when node_modules is absent or older than the lock file.
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ ! -e node_modules/pkcs11js/build/Release/pkcs11.node ] \
  || [ ! -e node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  say "cài phụ thuộc npm" "installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi
