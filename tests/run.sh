#!/usr/bin/env bash
# The whole test suite: unit tests (Maven), then end-to-end tests through Jupyter's own clients.
# Works on a fresh Debian machine with a JDK and Maven: missing Debian packages are installed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/install/debian-packages.sh"

ensure_debian_packages jupyter-client python3-jupyter-client python3-nbclient python3-nbconvert \
  python3-jupyter-kernel-test python3-ipykernel python3-pytest python3-zmq

cd "$here"
mvn -B verify
# the end-to-end tests install the built kernel into a private Jupyter dir of their own
/usr/bin/python3 -m pytest -q -p no:cacheprovider tests "$@"
