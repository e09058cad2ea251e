#!/usr/bin/env bash
# The GD front office suite: ./gd run | test | stop | reset | logs | status | odoo ARGS
# This shim only finds Python 3.7; the package tools/gd/ does the work (standard library only).
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

is_py37() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 7) else 1)' >/dev/null 2>&1; }

py=""
for candidate in "${GD_PYTHON:-}" python3.7 /usr/bin/python3.7 /usr/local/bin/python3.7 \
                 "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.7*/bin/python; do
  [ -n "$candidate" ] || continue
  if is_py37 "$candidate"; then py="$candidate"; break; fi
done
if [ -z "$py" ]; then
  cat >&2 <<'MSG'
gd: Python 3.7 was not found.
    Odoo 11 needs Python 3.7. Install it (for example `pyenv install 3.7.16`, or your
    distribution's python3.7 package), or point GD_PYTHON at a python3.7 executable:
        GD_PYTHON=/path/to/python3.7 ./gd run
MSG
  exit 2
fi
exec "$py" "$here/tools/gd" "$@"
