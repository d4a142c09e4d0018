"""`install` and `uninstall`, like `python -m ipykernel install`."""
import json
import os
import pathlib
import re
import shutil
import struct
import subprocess

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from conftest import JAVA, LIB
from juxta_client import execute


def juxta(*args, check=True):
    return subprocess.run([JAVA, "-cp", str(LIB / "*"), "io.juxta.kernel.cli.Main", *args],
                          capture_output=True, text=True, check=check)


# the JIT level the worker's JVM runs with, as the JVM itself reports it
TIER = ('java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)'
        '.getVMOption("TieredStopAtLevel").getValue()')


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_install_into_prefix_with_options_then_uninstall(tmp_path):
    juxta("install", "--prefix", str(tmp_path), "--name", "juxta-test", "--display-name", "Java (test)",
          "--jvm-opt", "-Xmx300m", "--jvm-opt", "-XX:TieredStopAtLevel=4", "--env", "JUXTA_GREETING=hi there")
    spec_dir = tmp_path / "share" / "jupyter" / "kernels" / "juxta-test"
    spec = json.loads((spec_dir / "kernel.json").read_text())
    java = pathlib.Path(spec["argv"][0])
    assert java.is_absolute() and java.name == "java" and os.access(java, os.X_OK)
    assert spec["display_name"] == "Java (test)"
    assert spec["language"] == "java"
    assert spec["env"]["OPENBLAS_THREAD_TIMEOUT"] == "4"
    assert spec["env"]["JUXTA_GREETING"] == "hi there"
    assert "--worker-jvm-opt=-Xmx300m" in spec["argv"]
    assert png_size(spec_dir / "logo-32x32.png") == (32, 32)
    assert png_size(spec_dir / "logo-64x64.png") == (64, 64)
    assert (spec_dir / "lib").is_dir()

    # jupyter_client finds it there and the kernel runs with those settings
    ksm = KernelSpecManager(kernel_dirs=[str(tmp_path / "share" / "jupyter" / "kernels")])
    km = KernelManager(kernel_name="juxta-test", kernel_spec_manager=ksm)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    try:
        assert execute(kc, 'System.getenv("JUXTA_GREETING")').result == '"hi there"'
        max_mib = int(execute(kc, "Runtime.getRuntime().maxMemory() >> 20").result)
        assert 250 <= max_mib <= 300
        # the worker is C1 only by default; the user's --jvm-opt comes later and brings C2 back
        assert execute(kc, TIER).result == '"4"'
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)

    out = juxta("uninstall", "--prefix", str(tmp_path), "--name", "juxta-test")
    assert "Removed" in out.stdout
    assert not spec_dir.exists()


def test_the_worker_compiles_with_c1_only_by_default(kernel):
    # with C2 on, its compiles of javac took a core from every early cell on two cores (docs/benchmarks.md)
    assert execute(kernel[1], TIER).result == '"1"'


def test_java_of_the_installing_jdk_is_used(tmp_path):
    juxta("install", "--prefix", str(tmp_path))
    spec = json.loads((tmp_path / "share/jupyter/kernels/juxta/kernel.json").read_text())
    java_home = subprocess.run([JAVA, "-XshowSettings:properties", "-version"], capture_output=True,
                               text=True).stderr
    home = next(l.split("=", 1)[1].strip() for l in java_home.splitlines() if "java.home =" in l)
    assert spec["argv"][0] == str(pathlib.Path(home) / "bin" / "java")


def test_bad_options_get_usage_not_a_stack_trace(tmp_path):
    r = juxta("install", "--prefix", str(tmp_path), "--frobnicate", check=False)
    assert r.returncode == 2
    assert "unknown option --frobnicate" in r.stderr and "usage: juxta" in r.stderr
    assert "Exception" not in r.stderr
    r = juxta("uninstall", "--prefix", str(tmp_path), "--name", "nothing-here", check=False)
    assert r.returncode == 1 and "nothing to remove" in r.stderr
    r = juxta("install", "--prefix", str(tmp_path), "--env", "NOEQUALS", check=False)
    assert r.returncode == 2 and "KEY=VALUE" in r.stderr


def test_installs_are_checked_before_anything_is_written_and_never_escape_their_folder(tmp_path):
    kernels = tmp_path / "share" / "jupyter" / "kernels"
    juxta("install", "--prefix", str(tmp_path), "--name", "other")
    for bad in (".", "..", "a/b"):
        r = juxta("install", "--prefix", str(tmp_path), "--name", bad, check=False)
        assert r.returncode == 2 and "--name may hold only" in r.stderr, (bad, r.stderr)
        r = juxta("uninstall", "--prefix", str(tmp_path), "--name", bad, check=False)
        assert r.returncode == 2, (bad, r.stderr)
    assert (kernels / "other" / "kernel.json").exists(), "uninstalling '..' must not touch other kernelspecs"
    for args in (["--env", "JUXTA_CELL_TIMEOUT=abc"], ["--env", "JUXTA_LOG=loud"], ["--jvm-opt", "-Xmx1k"],
                 ["--display-name", ""]):
        r = juxta("install", "--prefix", str(tmp_path), "--name", "fresh", *args, check=False)
        assert r.returncode == 2 and "Exception" not in r.stderr, (args, r.stderr)
        assert not (kernels / "fresh").exists(), f"{args} left a half-made kernelspec"
    assert "Initial heap size set to a larger value" in juxta("install", "--prefix", str(tmp_path), "--jvm-opt", "-Xmx32m",
                                                          check=False).stderr, "the JVM's reason, not its generic first line"
    assert "refuses --jvm-opt -Xmx1k" in juxta("install", "--prefix", str(tmp_path), "--jvm-opt", "-Xmx1k", check=False).stderr
    r = juxta("install", "--prefix", str(tmp_path), "--user", check=False)
    assert r.returncode == 2 and "give one of" in r.stderr
    r = juxta("install", "--prefix", str(tmp_path), "--name", "Upper")
    assert "lower case" in r.stderr and (kernels / "upper" / "kernel.json").exists()
    spec = json.loads((kernels / "upper" / "kernel.json").read_text())
    assert spec["display_name"] == "Java (Juxta, upper)"
    juxta("uninstall", "--prefix", str(tmp_path), "--name", "Upper")
    assert not (kernels / "upper").exists()


def test_a_relative_prefix_is_made_absolute_and_juxtas_own_jars_are_copies(tmp_path):
    subprocess.run([JAVA, "-cp", str(LIB / "*"), "io.juxta.kernel.cli.Main", "install", "--prefix", "rel"],
                   cwd=tmp_path, check=True, capture_output=True)
    spec_dir = tmp_path / "rel" / "share" / "jupyter" / "kernels" / "juxta"
    spec = json.loads((spec_dir / "kernel.json").read_text())
    assert all(not a.startswith("rel") for a in spec["argv"]), spec["argv"]
    assert str(spec_dir / "lib") in spec["argv"][spec["argv"].index("-cp") + 1]
    for jar in (spec_dir / "lib").glob("juxta-*.jar"):
        # a rebuild rewrites the build's jar in place: a hard link would change this installed kernel with it
        assert jar.stat().st_ino != (LIB / jar.name).stat().st_ino, jar.name


def test_user_installs_go_where_jupyter_looks(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_DATA_DIR", "XDG_DATA_HOME")}
    env["HOME"] = str(tmp_path / "home")
    subprocess.run([JAVA, "-cp", str(LIB / "*"), "io.juxta.kernel.cli.Main", "install", "--user"], env=env,
                   check=True, capture_output=True)
    data_dir = subprocess.run(["/usr/bin/python3", "-c", "import jupyter_core.paths as p; print(p.jupyter_data_dir())"],
                              env=env, check=True, capture_output=True, text=True).stdout.strip()
    assert (pathlib.Path(data_dir) / "kernels" / "juxta" / "kernel.json").exists(), data_dir


def test_help_and_a_bad_connection_file_get_plain_words(tmp_path):
    r = juxta("install", "--help")
    assert r.returncode == 0 and "usage: juxta" in r.stdout
    for name, content in (("missing.json", None), ("empty.json", ""), ("fields.json", "{}"),
                          ("port.json", '{"ip": "127.0.0.1", "shell_port": "abc", "control_port": 1, "stdin_port": 2,'
                                        ' "iopub_port": 3, "hb_port": 4, "key": "k"}')):
        path = tmp_path / name
        if content is not None:
            path.write_text(content)
        r = juxta("kernel", "--connection-file", str(path), check=False)
        assert r.returncode == 1, (name, r.stderr)
        assert f"the connection file {path}" in r.stderr and "Exception" not in r.stderr, (name, r.stderr)


def test_sys_prefix_is_the_prefix_of_the_python_that_runs_jupyter(tmp_path):
    # another python3 may come first on PATH (pyenv's); --sys-prefix means the one named by jupyter's first line
    prefix = tmp_path / "venv"
    python = tmp_path / "python-of-jupyter"
    python.write_text(f"#!/bin/sh\necho {prefix}\n")
    python.chmod(0o755)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "jupyter").write_text(f"#!{python}\nprint('jupyter')\n")
    (bin_dir / "jupyter").chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}")
    subprocess.run([JAVA, "-cp", str(LIB / "*"), "io.juxta.kernel.cli.Main", "install", "--sys-prefix"], env=env,
                   check=True, capture_output=True)
    assert (prefix / "share" / "jupyter" / "kernels" / "juxta" / "kernel.json").exists()


def test_uninstall_removes_only_a_kernelspec(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "notes.txt").write_text("keep me")
    r = juxta("uninstall", "--kernel-dir", str(tmp_path), "--name", "data", check=False)
    assert r.returncode == 1 and "is not a kernelspec" in r.stderr, r.stderr
    assert (data / "notes.txt").read_text() == "keep me"
    half = tmp_path / "half" / "lib"  # what a failed install leaves: jars, no kernel.json
    half.mkdir(parents=True)
    (half / "a.jar").write_bytes(b"PK")
    juxta("uninstall", "--kernel-dir", str(tmp_path), "--name", "half")
    assert not (tmp_path / "half").exists()


def test_the_documented_jupyter_commands_are_installed_by_the_install_script():
    """Debian's python3-nbconvert has no `jupyter nbconvert` command (that is the jupyter-nbconvert package): the
    tutorials' README runs them with it, so install.sh installs the package that provides it."""
    root = pathlib.Path(__file__).resolve().parents[1]
    script = (root / "install" / "install.sh").read_text()
    documented = {m for doc in [root / "README.md", root / "notebooks" / "README.md"]
                  for m in re.findall(r"\bjupyter (nbconvert|notebook|lab|execute)\b", doc.read_text())}
    provider = {"nbconvert": "jupyter-nbconvert", "notebook": "jupyter-notebook", "execute": "python3-nbclient"}
    for command in documented & provider.keys():
        assert f" {provider[command]} " in script.replace("\\\n", " "), f"`jupyter {command}` needs {provider[command]}"
