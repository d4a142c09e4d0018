"""The tutorials in notebooks/ run top to bottom through nbclient on the real kernel, at the small size.

JUXTA_TUTORIAL_SCALE=small makes each notebook use tiny sizes. The data comes from small files this test writes in
the real formats (IDX for Fashion-MNIST, one .txt email per file for SpamAssassin) into a JUXTA_DATA of its own, so
the run needs neither the network nor the installed data sets. Any error output fails the test.
"""
import gzip
import os
import pathlib
import random
import struct
import threading

import nbformat
import pytest
from nbclient import NotebookClient

from juxta_client import execute

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))

# Something each notebook must show besides running cleanly: text that only its last steps produce.
EXPECTED_TEXT = {
    "00-quickstart": ["backend=torch", "backend=tf", "median step"],
    "01-vision": ["test accuracy", "seconds per epoch"],
    "02-nlp": ["bag of words", "P(spam)"],
    "03-rl": ["REINFORCE", "DQN", "random policy"],
    "04-pytorch-vs-tensorflow": ["SymbolicValueException", "max difference", "Conclusions"],
    "05-course-lab": ["✘", "0 of 5 exercises correct", "5 of 5 exercises correct"],
}


def write_idx_images(path, images):
    with gzip.open(path, "wb") as f:
        f.write(struct.pack(">IIII", 0x803, len(images), 28, 28))
        for image in images:
            f.write(bytes(image))


def write_idx_labels(path, labels):
    with gzip.open(path, "wb") as f:
        f.write(struct.pack(">II", 0x801, len(labels)))
        f.write(bytes(labels))


def fake_fashion_image(label, rng):
    """A 28×28 picture whose bright band sits at a row set by the class, plus noise: a CNN learns it quickly."""
    pixels = [rng.randrange(0, 40) for _ in range(28 * 28)]
    top = 2 + 2 * label
    for row in range(top, top + 4):
        for col in range(4, 24):
            pixels[row * 28 + col] = rng.randrange(180, 256)
    return pixels


def write_fashion_mnist(folder, rng, train=600, test=200):
    folder.mkdir(parents=True)
    for name, count in (("train", train), ("t10k", test)):
        labels = [i % 10 for i in range(count)]
        rng.shuffle(labels)
        write_idx_images(folder / f"{name}-images-idx3-ubyte.gz", [fake_fashion_image(y, rng) for y in labels])
        write_idx_labels(folder / f"{name}-labels-idx1-ubyte.gz", labels)


HAM_WORDS = "meeting tomorrow project patch review thanks lunch kernel release notes list python perl bug".split()
SPAM_WORDS = "free money click offer winner cash viagra credit limited deal unsubscribe million prize".split()


def write_spam_assassin(folder, rng, per_group=80):
    for group, words in (("easy-ham-1", HAM_WORDS), ("spam-1", SPAM_WORDS)):
        (folder / group).mkdir(parents=True)
        for i in range(per_group):
            subject = " ".join(rng.choice(words) for _ in range(3))
            body = " ".join(rng.choice(words + HAM_WORDS[:3] + SPAM_WORDS[:3]) for _ in range(rng.randrange(20, 60)))
            email = f"From: someone{i}@example.org\nSubject: {subject}\n\n{body}\n"
            (folder / group / f"{i:05d}.{group}.txt").write_text(email)


@pytest.fixture(scope="module")
def tutorial_env(tmp_path_factory):
    data = tmp_path_factory.mktemp("juxta-data")
    rng = random.Random(6)
    write_fashion_mnist(data / "fashion-mnist", rng)
    write_spam_assassin(data / "spam-assassin", rng)
    saved = {k: os.environ.get(k) for k in ("JUXTA_DATA", "JUXTA_TUTORIAL_SCALE")}
    os.environ.update(JUXTA_DATA=str(data), JUXTA_TUTORIAL_SCALE="small")
    yield data
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def output_text(output):
    if output.output_type == "stream":
        return output.text
    if output.output_type == "error":
        return f"{output.ename}: {output.evalue}"
    data = output.get("data", {})
    return "\n".join(str(data[m]) for m in ("text/plain", "text/markdown", "text/html") if m in data)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_tutorial_runs_top_to_bottom_at_small_size(path, tutorial_env, tmp_path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    NotebookClient(nb, timeout=300, kernel_name="juxta", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [(i, output_text(o)) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{path.name}: error output in cells {errors}"
    text = "\n".join(output_text(o) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    for expected in EXPECTED_TEXT[path.stem]:
        assert expected in text, f"{path.name}: no output contains {expected!r}"


def test_every_tutorial_is_checked():
    assert sorted(p.stem for p in NOTEBOOKS) == sorted(EXPECTED_TEXT)


def test_the_course_labs_check_does_not_grade_an_answer_that_was_stopped(fresh_kernel):
    """A student's endless loop stopped by the interrupt button (or the teacher's cell timeout) is not a wrong answer:
    check() lets the stop through instead of printing "not yet. your code threw ThreadDeath" first."""
    km, kc = fresh_kernel
    nb = nbformat.read(ROOT / "notebooks" / "05-course-lab.ipynb", as_version=4)
    setup = next(c.source for c in nb.cells if c.cell_type == "code" and "void check(" in c.source)
    assert execute(kc, setup.replace("%torch", "// %torch"), timeout=120).status == "ok"
    threading.Timer(1.5, km.interrupt_kernel).start()
    stopped = execute(kc, 'check("loop", () -> { while (true) { } });')
    assert stopped.status == "error" and stopped.error["ename"] == "Interrupted", stopped.reply["content"]
    assert "not yet" not in stopped.stream(), stopped.stream()
    graded = execute(kc, 'check("thrown", () -> { throw new IllegalStateException("bad"); });\ncheck("fine", () -> null);')
    assert "✘ thrown: not yet. your code threw IllegalStateException: bad" in graded.stream(), graded.stream()
    assert "✔ fine: correct" in graded.stream()
