"""Real front ends in headless Chromium: the classic Notebook (Debian) and JupyterLab 4 (built from npm).

tests/browser/frontend-ui.cjs (Playwright) runs all cells of a notebook through the UI. With the
fixture notebook: a chart must render as a 640x400 PNG, a Tablesaw table as an HTML table, the
progress bar must update in place (one output, several states), the interrupt button must stop a
running loop, and Tab must open completions. With the quickstart and vision tutorials (small size,
generated data as in test_notebooks.py): every cell runs without error, every image shows at the size
the kernel stated, tables render as HTML tables, progress bars stay one per cell, and the interrupt
button and Tab completion work in cells appended at the end. Screenshots and findings: tests/artifacts/.
tests/run.sh installs Chromium, the npm packages and builds JupyterLab; without them these tests skip.
"""
import json
import os
import re
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


def _drive(frontend, url, mode="fixture", name="fixture", code_cells=0):
    ARTIFACTS.mkdir(exist_ok=True)
    run = subprocess.run(["node", str(BROWSER / "frontend-ui.cjs"), frontend, url, str(ARTIFACTS), mode, name,
                          str(code_cells)],
                         cwd=BROWSER, capture_output=True, text=True, timeout=1200)
    result = json.loads((ARTIFACTS / f"{frontend}-{name}-result.json").read_text())
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


def _serve_and_drive(frontend, directory, notebook, mode="fixture", name="fixture", code_cells=0):
    """Starts the front end's server on `directory`, drives `notebook` in Chromium, stops the server."""
    port, token = _free_port(), secrets.token_hex(24)
    if frontend == "classic":
        _need("/usr/bin/jupyter-notebook", "Debian's jupyter-notebook")
        argv = ["/usr/bin/python3", "-m", "notebook", "--no-browser", "--allow-root", "--ip=127.0.0.1",
                f"--port={port}", "--port-retries=0", f"--NotebookApp.token={token}", f"--notebook-dir={directory}"]
        url = f"http://127.0.0.1:{port}/notebooks/{notebook}?token={token}"
    else:
        _need(LAB / "build" / "bundle.js", "the JupyterLab build (tests/browser/lab)")
        argv = ["/usr/bin/python3", str(LAB / "main.py"), "--no-browser", "--ServerApp.allow_root=True",
                "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
                f"--ServerApp.token={token}", f"--ServerApp.root_dir={directory}"]
        url = f"http://127.0.0.1:{port}/lab/tree/{notebook}?reset&token={token}"
    log = directory.parent / f"{frontend}-{name}-server.log"
    server = Server(argv, directory, port, token, log)
    try:
        return _drive(frontend, url, mode, name, code_cells)
    finally:
        server.stop()
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copy(log, ARTIFACTS / log.name)


@pytest.mark.parametrize("frontend", ["classic", "lab"])
def test_fixture_notebook(notebook_dir, frontend):
    name = _fixture_notebook(notebook_dir)
    _check(_serve_and_drive(frontend, notebook_dir, name, code_cells=len(FIXTURE_CELLS)))


TUTORIALS = ["00-quickstart", "01-vision"]
# how an error output starts: its ename (Juxta's own, a Java exception or a compile error), then ": "
JUXTA_ERROR = re.compile(r"^([\w$]+\.)*[\w$]*(Error|Exception|Interrupted|SessionEnded|CellTimeout|WorkerUnavailable)\b")


@pytest.fixture
def tutorial_data(notebook_dir, monkeypatch):
    """Small generated data and the small size, in the environment the server passes to its kernels."""
    from test_notebooks import write_fashion_mnist
    import random
    data = notebook_dir / "juxta-data"
    write_fashion_mnist(data / "fashion-mnist", random.Random(6))
    monkeypatch.setenv("JUXTA_DATA", str(data))
    monkeypatch.setenv("JUXTA_TUTORIAL_SCALE", "small")
    return data


@pytest.mark.parametrize("tutorial", TUTORIALS)
@pytest.mark.parametrize("frontend", ["classic", "lab"])
def test_tutorial(notebook_dir, tutorial_data, frontend, tutorial):
    source = HERE.parent / "notebooks" / f"{tutorial}.ipynb"
    _need(source, "the tutorial")
    nb = nbformat.read(source, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, notebook_dir / source.name)
    code_cells = sum(c.cell_type == "code" for c in nb.cells)
    steps = _serve_and_drive(frontend, notebook_dir, source.name, "tutorial", tutorial, code_cells)
    report = steps["cells"]["report"]
    assert len(report) == code_cells and all(re.search(r"\[\d+\]", c["prompt"]) for c in report), report
    errors = [(c["index"], text) for c in report for text in c["stderr"] if JUXTA_ERROR.match(text.strip())]
    assert not errors, errors
    noise = [(c["index"], text) for c in report for text in c["stderr"] if not JUXTA_ERROR.match(text.strip())]
    if noise:  # not a failure, but worth seeing: e.g. native libraries writing to stderr
        print(f"stderr in {frontend}/{tutorial}: {noise}")
    images = [i for c in report for i in c["images"]]
    assert images, "the tutorial shows charts"
    for image in images:
        assert image["png"] and image["natural"][0] > 0, image
        if image["stated"][0]:  # the size in the kernel's metadata, set on the <img> by the front end
            assert image["natural"] == image["stated"], image
    assert sum(c["tables"] for c in report) >= 1, "the tutorial shows an HTML table"
    for c in report:  # one bar per training run, updated in place to its end (%%compare trains twice)
        runs = 2 if c["firstLine"].startswith("%%compare") else 1
        assert c["progressBars"] <= runs, c
        assert all(a == b for a, b in (state.split("/") for state in c["progressStates"])), c
    assert "Interrupted" in steps["interrupt"]["error"], steps["interrupt"]
    assert any(i.startswith("println") for i in steps["completion"]["items"]), steps["completion"]
