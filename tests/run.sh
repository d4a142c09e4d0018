#!/usr/bin/env bash
# The whole test suite: unit tests (Maven), then end-to-end tests through Jupyter's own clients.
# Works on a fresh Debian machine with a JDK and Maven: missing Debian packages are installed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/install/debian-packages.sh"

ensure_debian_packages jupyter-client python3-jupyter-client python3-nbclient python3-nbconvert \
  python3-jupyter-kernel-test python3-ipykernel python3-pytest python3-zmq
# the framework-magic tests train on a slice of the real Fashion-MNIST files Debian ships
ensure_debian_packages dataset-fashion-mnist
# the browser tests: Chromium driven by playwright-core, the classic Notebook, JupyterLab's server side
ensure_debian_packages chromium nodejs jupyter-notebook python3-notebook jupyter-server \
  python3-jupyter-server python3-jupyterlab-server fonts-dejavu-core
# Debian's nodejs comes without npm; other builds of nodejs bring their own and conflict with Debian's
command -v npm >/dev/null || ensure_debian_packages npm
"$here/tests/browser/setup.sh"

cd "$here"
mvn -B verify
# the end-to-end tests install the built kernel into a private Jupyter dir of their own
/usr/bin/python3 -m pytest -q -p no:cacheprovider tests "$@"
