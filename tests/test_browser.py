"""Real front ends in headless Chromium: the classic Notebook (Debian) and JupyterLab 4 (built from npm).

Each test serves a fixture notebook, and tests/browser/frontend-ui.cjs (Playwright) runs all its cells
through the UI: a chart must render as a 640x400 PNG, a Tablesaw table as an HTML table, the progress
bar must update in place (one output, several states), the interrupt button must stop a running loop,
and Tab must open completions. Screenshots and the driver's findings go to tests/artifacts/.
tests/run.sh installs Chromium, the npm packages and builds JupyterLab; without them these tests skip.
"""
import json
import os
import pathlib
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

import nbformat
import pytest

HERE = pathlib.Path(__file__).resolve().parent
BROWSER = HERE / "browser"
ARTIFACTS = HERE / "artifacts"
LAB = BROWSER / "lab"
CHROMIUM = os.environ.get("JUXTA_CHROMIUM", "/usr/bin/chromium")

FIXTURE_CELLS = [
    'System.out.println("E2E-TEXT-OK " + (40 + 2));',
    "Plots.line(new double[] {1, 3, 2, 4})",
    'tech.tablesaw.api.Table.create("scores",\n'
    '    tech.tablesaw.api.IntColumn.create("epoch", 1, 2, 3),\n'
    '    tech.tablesaw.api.DoubleColumn.create("loss", 0.9, 0.5, 0.3))',
    "try (var progress = Progress.start(2, 10)) {\n"
    "    for (int epoch = 0; epoch < 2; epoch++)\n"
    "        for (int step = 0; step < 10; step++) { Thread.sleep(150); progress.step(1.0 / (1 + step)); }\n"
    "}",
    "long spins = 0;\nwhile (true) { spins++; }",
]


def _need(path, what):
    if not pathlib.Path(path).exists():
        pytest.skip(f"{what} is missing ({path}); tests/run.sh sets it up")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fixture_notebook(directory):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "juxta", "display_name": "Java (Juxta)", "language": "java"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in FIXTURE_CELLS]
    path = directory / "juxta-fixture.ipynb"
    nbformat.write(nb, path)
    return path.name


class Server:
    """A Jupyter server process on a free port with a random token, stopped by its pid."""

    def __init__(self, argv, root, port, token, log):
        self.token, self.port = token, port
        self.log = open(log, "w")
        env = {**os.environ, "JUPYTER_NO_CONFIG": "1"}
        self.proc = subprocess.Popen(argv, cwd=root, stdout=self.log, stderr=subprocess.STDOUT, env=env,
                                     start_new_session=True)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"the server did not start; see {log}")
                time.sleep(0.2)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the server and the kernels it started
                self.proc.wait()
        self.log.close()


def _drive(frontend, url):
    ARTIFACTS.mkdir(exist_ok=True)
    run = subprocess.run(["node", str(BROWSER / "frontend-ui.cjs"), frontend, url, str(ARTIFACTS)],
                         cwd=BROWSER, capture_output=True, text=True, timeout=600)
    result = json.loads((ARTIFACTS / f"{frontend}-result.json").read_text())
    assert result["ok"], f"{result.get('failure')}\n{run.stderr[-2000:]}\nsteps: {json.dumps(result['steps'])}"
    return result["steps"]


def _check(steps):
    assert steps["text"]["text"] == "E2E-TEXT-OK 42"
    assert steps["chart"] == {"src": "data:image/png;base64,", "width": 640, "height": 400, "ms": steps["chart"]["ms"]}
    assert steps["table"]["headers"] == ["", "epoch", "loss"] and steps["table"]["rows"] == 3
    progress = steps["progress"]
    assert progress["maxBarsAtOnce"] == 1 and progress["outputs"] == 1, progress  # in place: never a second output
    assert len(progress["states"]) >= 3, progress  # it visibly moved while the cell ran
    assert progress["states"][-1] == "20/20" and "done" in progress["finalText"], progress
    assert "Interrupted" in steps["interrupt"]["error"], steps["interrupt"]
    assert any(i.startswith("println") for i in steps["completion"]["items"]), steps["completion"]
    assert steps["after"]["text"] == "42"


@pytest.fixture
def notebook_dir(tmp_path):
    _need(CHROMIUM, "Chromium")
    _need(BROWSER / "node_modules" / "playwright-core", "playwright-core (npm ci in tests/browser)")
    return tmp_path


def test_classic_notebook(notebook_dir):
    _need("/usr/bin/jupyter-notebook", "Debian's jupyter-notebook")
    name = _fixture_notebook(notebook_dir)
    port, token = _free_port(), secrets.token_hex(24)
    server = Server(["/usr/bin/python3", "-m", "notebook", "--no-browser", "--allow-root", "--ip=127.0.0.1",
                     f"--port={port}", "--port-retries=0", f"--NotebookApp.token={token}",
                     f"--notebook-dir={notebook_dir}"], notebook_dir, port, token, notebook_dir / "server.log")
    try:
        steps = _drive("classic", f"http://127.0.0.1:{port}/notebooks/{name}?token={token}")
    finally:
        server.stop()
        shutil.copy(notebook_dir / "server.log", ARTIFACTS / "classic-server.log")
    _check(steps)


def test_jupyterlab_4(notebook_dir):
    _need(LAB / "build" / "bundle.js", "the JupyterLab build (tests/browser/lab)")
    name = _fixture_notebook(notebook_dir)
    port, token = _free_port(), secrets.token_hex(24)
    server = Server(["/usr/bin/python3", str(LAB / "main.py"), "--no-browser", "--ServerApp.allow_root=True",
                     "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
                     f"--ServerApp.token={token}", f"--ServerApp.root_dir={notebook_dir}"],
                    notebook_dir, port, token, notebook_dir / "server.log")
    try:
        steps = _drive("lab", f"http://127.0.0.1:{port}/lab/tree/{name}?reset&token={token}")
    finally:
        server.stop()
        shutil.copy(notebook_dir / "server.log", ARTIFACTS / "lab-server.log")
    _check(steps)
