"""Shared set-up for the end-to-end tests: a private Jupyter data dir with Juxta installed in it.

The tests talk to the real kernel through Jupyter's own clients (jupyter_client, nbclient,
jupyter_kernel_test). `bash tests/run.sh` builds the jars first; here they are installed as the
kernelspec "juxta" in a temporary JUPYTER_DATA_DIR, so nothing outside the test run is touched.
"""
import atexit
import os
import pathlib
import shutil
import subprocess
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
LIB = ROOT / "dist" / "target" / "juxta" / "lib"
JAVA = os.environ.get("JUXTA_JAVA", "java")


def _install_private_kernel():
    if os.environ.get("JUXTA_TEST_HOME"):
        return
    home = pathlib.Path(tempfile.mkdtemp(prefix="juxta-tests-"))
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    os.environ["JUXTA_TEST_HOME"] = str(home)
    for var, sub in (("JUPYTER_DATA_DIR", "data"), ("JUPYTER_CONFIG_DIR", "config"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
        (home / sub).mkdir()
        os.environ[var] = str(home / sub)
    os.environ["JUPYTER_PATH"] = str(home / "data")
    if not LIB.is_dir():
        raise RuntimeError(f"{LIB} is missing: build first with `mvn -B package -DskipTests` (tests/run.sh does)")
    subprocess.run([JAVA, "-cp", str(LIB / "*"), "io.juxta.kernel.cli.Main", "install", "--user", "--quiet"],
                   check=True)


_install_private_kernel()


@pytest.fixture(scope="module")
def kernel():
    """One kernel shared by the tests of a module: (KernelManager, BlockingKernelClient)."""
    from jupyter_client.manager import start_new_kernel
    km, kc = start_new_kernel(kernel_name="juxta", startup_timeout=120)
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


@pytest.fixture
def fresh_kernel():
    """A kernel of its own, for tests that end or break the session."""
    from jupyter_client.manager import start_new_kernel
    km, kc = start_new_kernel(kernel_name="juxta", startup_timeout=120)
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)
