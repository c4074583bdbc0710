# Sourced by ./dari and ./run-tests: make .venv with the project installed, once.
# Re-installs when pyproject.toml or setup.py changes. Needs Python 3.11+ and the package
# index. Compiles the UI catalogs (desktop_app/resources/locale/*/LC_MESSAGES/dari.mo).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
extras="${1:-}"
stamp="$venv/.dari-installed${extras:+-$extras}"

python="${PYTHON:-}"
if [ -z "$python" ]; then
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      python="$candidate"; break
    fi
  done
fi
if [ -z "$python" ]; then
  echo "Dari needs Python 3.11 or newer; none was found on this machine." >&2
  exit 1
fi

if [ ! -x "$venv/bin/python" ]; then
  echo "Setting up Dari's environment in $venv (first run only)…" >&2
  "$python" -m venv "$venv"
fi
if [ ! -f "$stamp" ] || [ "$root/pyproject.toml" -nt "$stamp" ] || [ "$root/setup.py" -nt "$stamp" ]; then
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet -e "$root${extras:+[$extras]}"
  touch "$stamp"
fi
"$venv/bin/python" -m desktop_app.i18n.build --quiet
