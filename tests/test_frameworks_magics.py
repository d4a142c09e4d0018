"""End-to-end tests of the framework magics and the toolkit helpers through a real kernel.

%torch/%tf/%%torch/%device, %%compare and its report, tensors rendered as text and HTML, charts as
PNGs of the stated size, tables as HTML with their rows, and fit's live progress bar as
update_display_data of one display id. Models are tiny and runs short: the module takes well under
a minute once both frameworks are loaded.
"""
import base64
import re
import struct
import zlib

from juxta_client import execute

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def ok(cell):
    assert cell.status == "ok", cell.traceback
    return cell


def displays(cell, mime):
    """The bundles (data, metadata, display id) of display_data and execute_result messages holding mime."""
    found = []
    for m in cell.messages:
        if m["msg_type"] in ("display_data", "execute_result", "update_display_data") and mime in m["content"]["data"]:
            found.append((m["content"]["data"], m["content"].get("metadata", {}),
                          m["content"].get("transient", {}).get("display_id")))
    return found


def decode_png(data):
    """Decodes a PNG fully (chunks, CRCs, inflated rows); returns (width, height)."""
    assert data[:8] == PNG_SIGNATURE
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc, = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc, f"bad CRC in {kind}"
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert interlace == 0
    raw = zlib.decompress(idat)
    row_bytes = (width * CHANNELS[colour] * depth + 7) // 8
    assert len(raw) == height * (1 + row_bytes), "pixel data does not fill the stated size"
    return width, height


def assert_png_of_stated_size(data, metadata):
    width, height = decode_png(base64.b64decode(data["image/png"]))
    stated = metadata.get("image/png", {})
    assert (width, height) == (stated["width"], stated["height"])
    return width, height


VALUES = "(t != null) + \" \" + (data != null) + \" \" + names + \" \" + inc.apply(1)"
DECLARE = ("Tensor t = Ops.ones(2); var data = Datasets.fashionMnist().limit(8); "
           "List<String> names = new ArrayList<>(List.of(\"a\")); Function<Integer, Integer> inc = i -> i + 1;")


def test_choosing_a_framework_keeps_the_values_of_variables_declared_before(fresh_kernel):
    _, kc = fresh_kernel
    ok(execute(kc, "Backends.use(\"torch\");", timeout=120))
    ok(execute(kc, DECLARE))
    ok(execute(kc, "%torch -q", timeout=120))
    assert ok(execute(kc, VALUES)).result == '"true true [a] 2"'


def test_switching_from_torch_to_tf_keeps_the_values_of_variables(fresh_kernel):
    _, kc = fresh_kernel
    ok(execute(kc, "%torch -q", timeout=120))
    ok(execute(kc, DECLARE))
    ok(execute(kc, "%tf -q", timeout=120))
    assert ok(execute(kc, VALUES)).result == '"true true [a] 2"'
    # TensorFlow's first graph run logs through absl before TF_CPP_MIN_LOG_LEVEL applies: none of it shows
    fit = ok(execute(kc, "Sequential.of(Linear.of(4, 2)).fit(Dataset.of(new float[8][4], new int[8]), Loss.crossEntropy(), "
                         "Optim.sgd(0.1), Fit.epochs(1).batch(4).verbose(false)).epochs().size()", timeout=120))
    assert fit.result == "1" and "absl" not in fit.stream("stderr") and "I0000" not in fit.stream("stderr")


def test_a_user_class_named_like_a_framework_type_survives_choosing_frameworks(fresh_kernel):
    # Device is both io.juxta.frameworks.Device and org.bytedeco.pytorch.Device: %torch must not import it over the user's
    _, kc = fresh_kernel
    ok(execute(kc, "record Device(String name) {}"))
    ok(execute(kc, "%torch -q", timeout=120))
    ok(execute(kc, "%tf -q", timeout=120))
    assert ok(execute(kc, "new Device(\"mine\").name() + \" \" + Ops.ones(2).device()")).result == '"mine cpu"'


def test_torch_and_tf_say_what_is_active_and_cells_stay_portable(kernel):
    _, kc = kernel
    out = ok(execute(kc, "%torch", timeout=120)).stream()
    assert "PyTorch is active: libtorch" in out and "threads" in out and "device cpu" in out
    portable = "var x = Ops.tensor(new float[]{1, 2, 3, 4}, 2, 2);\nx.matmul(x).sum().item()"
    assert ok(execute(kc, portable)).result == "54.0"
    # the native API is imported without making JDK names ambiguous
    assert ok(execute(kc, "org.bytedeco.pytorch.Tensor n = torch.ones(2); Function<Integer, Integer> f = i -> i + 1; f.apply(1)")).result == "2"
    assert ok(execute(kc, "Tensor p = Ops.ones(2); Device d = p.device(); Optimizer o = Optim.adam(1e-3); d")).result == "cpu"
    out = ok(execute(kc, "%tf", timeout=120)).stream()
    assert "TensorFlow is active: TensorFlow" in out
    assert ok(execute(kc, portable)).result == "54.0"
    assert ok(execute(kc, "Backends.currentName()")).result == '"tf"'


def test_cell_form_runs_one_cell_on_a_backend_and_returns_to_the_session_backend(kernel):
    _, kc = kernel
    ok(execute(kc, "%tf -q"))
    assert ok(execute(kc, "%%torch -q\nOps.ones(2).backend().name()")).result.strip('"') == "torch"
    assert ok(execute(kc, "Backends.currentName()")).result == '"tf"'


def test_device_reports_what_it_found_and_falls_back_to_cpu(kernel):
    _, kc = kernel
    out = ok(execute(kc, "%device gpu", timeout=120)).stream()
    assert re.search(r"GPUs: cuda:0|no GPU found", out), out
    assert "torch: " in out and "tf: " in out
    if "no GPU found" in out:
        assert "torch: cpu" in out and "tf: cpu" in out
    assert "torch: cpu" in ok(execute(kc, "%device cpu")).stream()
    bad = execute(kc, "%device tpu")
    assert bad.status == "error" and "use cpu, gpu, gpu:N or auto" in bad.error["evalue"]


def test_a_tensor_renders_as_text_like_pytorch_and_as_an_html_grid(kernel):
    _, kc = kernel
    ok(execute(kc, "%torch -q"))
    cell = ok(execute(kc, "Ops.tensor(new float[]{1, 2, 3, 4, 5, 6}, 2, 3)"))
    data, _, _ = displays(cell, "text/html")[0]
    assert data["text/plain"].startswith("tensor([[1.0000, 2.0000, 3.0000],")
    assert "shape=[2, 3], dtype=float32, device=cpu, backend=torch" in data["text/plain"]
    html = data["text/html"]
    assert "Tensor [2, 3] float32 on cpu (torch)" in html
    assert len(re.findall(r"<tr><th>\d+</th>", html)) == 2 and ">6.0000</td>" in html


def test_charts_from_tensors_and_histories_are_pngs_of_the_stated_size(kernel):
    _, kc = kernel
    ok(execute(kc, "%torch -q"))
    cell = ok(execute(kc, "Plots.line(Ops.arange(0, 10, 1).square())"))
    assert assert_png_of_stated_size(*displays(cell, "image/png")[0][:2]) == (640, 400)
    cell = ok(execute(kc, "Plots.images(Ops.rand(6, 1, 28, 28), new int[]{0, 1, 2, 3, 4, 5}, new String[]{\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"})"))
    width, height = assert_png_of_stated_size(*displays(cell, "image/png")[0][:2])
    assert width > 6 * 28 and height > 28


def test_fit_on_fashion_mnist_shows_a_live_bar_updated_in_place_and_tables_hold_the_rows(kernel):
    _, kc = kernel
    ok(execute(kc, "%torch -q"))
    cell = ok(execute(kc, """
var data = Datasets.fashionMnist().limit(256);
var model = Sequential.of(Flatten.of(), Linear.of(784, 16), ReLU.of(), Linear.of(16, 10));
var history = model.fit(data, Loss.crossEntropy(), Optim.adam(1e-3), Fit.epochs(2).batch(64).metrics(Metric.accuracy()));
history.epochs().size()""", timeout=180))
    assert cell.result == "2"
    shown = [m for m in cell.messages if m["msg_type"] == "display_data"]
    updates = [m for m in cell.messages if m["msg_type"] == "update_display_data"]
    assert len(shown) == 1 and len(updates) >= 2
    ids = {m["content"]["transient"]["display_id"] for m in shown + updates}
    assert len(ids) == 1
    final = updates[-1]["content"]["data"]
    assert "<progress" in final["text/html"]
    assert "epoch 2/2  loss" in final["text/plain"] and "accuracy" in final["text/plain"]
    assert final["text/plain"].splitlines()[-1].startswith("done: 8 steps in")

    table = ok(execute(kc, "Tables.of(history)"))
    html = displays(table, "text/html")[0][0]["text/html"]
    assert len(re.findall(r"<tr><th>\d+</th>", html)) == 2
    assert "<th>loss</th>" in html and "<th>accuracy</th>" in html and "2 rows × 4 columns" in html
    steps = ok(execute(kc, "Tables.steps(history)"))
    assert len(re.findall(r"<tr><th>\d+</th>", displays(steps, "text/html")[0][0]["text/html"])) == 8
    chart = ok(execute(kc, "Plots.history(history)"))
    assert assert_png_of_stated_size(*displays(chart, "image/png")[0][:2]) == (640, 400)


def test_a_loss_chart_can_follow_the_bar_and_validation_results_join_the_epoch_lines(kernel):
    _, kc = kernel
    ok(execute(kc, "%torch -q\nFitProgress.lossChartEvery(2);"))
    try:
        cell = ok(execute(kc, """
var small = Datasets.fashionMnist().limit(128);
var net = Sequential.of(Flatten.of(), Linear.of(784, 10));
net.fit(small, Loss.crossEntropy(), Optim.sgd(0.05), Fit.epochs(2).batch(32).validation(Datasets.fashionMnistTest().limit(64)));
""", timeout=180))
    finally:
        ok(execute(kc, "FitProgress.lossChartEvery(0);"))
    bars = displays(cell, "text/html")
    charts = displays(cell, "image/png")
    assert charts, [m["msg_type"] for m in cell.messages]
    assert_png_of_stated_size(*charts[-1][:2])
    assert charts[-1][2] != bars[-1][2], "the chart is its own output, next to the bar"
    lines = bars[-1][0]["text/plain"].splitlines()
    assert re.match(r"epoch 1/2  loss \S+ .*  val_loss \S+$", lines[0]), lines


def test_compare_of_a_deterministic_cell_shows_both_columns_and_agreement(kernel):
    _, kc = kernel
    cell = ok(execute(kc, """%%compare --runs 2 -o report
var w = Rng.normal(0, 1, 8, 4);
var x = Ops.tensor(w).matmul(Ops.tensor(w).transpose(0, 1));
System.out.println("rows: " + x.shape()[0]);
x.tanh()""", timeout=180))
    # printed once per backend, under its name, not six times unlabelled
    assert cell.stream() == ("── torch ──\nrows: 8\n── tf ──\nrows: 8\n"
                             "── 4 later runs printed too; each backend's output is shown from its first run only\n")
    html_bundles = displays(cell, "text/html")
    assert html_bundles, cell.messages
    html = html_bundles[0][0]["text/html"]
    assert "<th>torch</th><th>tf</th>" in html
    for row in ("median time", "min time", "warm-up (excluded)", "CPU time", "peak heap", "peak RSS"):
        assert row in html
    assert "agree: every value within" in html
    assert re.search(r"<td>tf vs torch</td><td>value tensor \[8, 8\]</td><td>[\d.e+-]+</td><td>[\d.e+-]+</td><td>close</td>", html), html
    text = html_bundles[0][0]["text/plain"]
    assert "torch value:\ntensor(" in text and "tf value:\ntensor(" in text
    charts = displays(cell, "image/png")
    assert charts and "wall time per run (2 timed, 1 warm-up excluded)" in charts[0][0]["text/plain"]
    assert_png_of_stated_size(*charts[0][:2])
    assert ok(execute(kc, "report.run(\"tf\").seconds().size() + \" \" + report.agrees().get()")).result == '"2 true"'
    # one status line, replaced in place while the runs go on
    status = [m for m in cell.messages if m["msg_type"] in ("display_data", "update_display_data")
              and list(m["content"]["data"]) == ["text/plain"] and m["content"]["data"]["text/plain"].startswith("%%compare")]
    assert status[0]["content"]["data"]["text/plain"] == "%%compare: torch warm-up run 1/1 (1 of 6 runs)"
    assert status[-1]["content"]["data"]["text/plain"].startswith("%%compare ran torch and tf in ")
    assert len({m["content"]["transient"]["display_id"] for m in status}) == 1


def test_compare_of_a_training_run_compares_the_histories_and_draws_both_loss_curves(kernel):
    _, kc = kernel
    cell = ok(execute(kc, """%%compare --warmup 0
var data = Datasets.fashionMnist().limit(128);
var model = Sequential.of(Flatten.of(), Linear.of(784, 8), ReLU.of(), Linear.of(8, 10));
model.fit(data, Loss.crossEntropy(), Optim.sgd(0.05), Fit.epochs(1).batch(32).verbose(false))""", timeout=180))
    html = displays(cell, "text/html")[0][0]["text/html"]
    assert "value loss per step" in html and "agree" in html
    charts = [d for d, _, _ in displays(cell, "image/png")]
    assert any('"loss per step"' in d["text/plain"] for d in charts)


def test_compare_resets_a_model_from_an_earlier_cell_before_every_run(kernel):
    _, kc = kernel
    ok(execute(kc, """Rng.seed(4);
var shared = Sequential.of(Flatten.of(), Linear.of(784, 8), ReLU.of(), Linear.of(8, 10));
var few = Datasets.fashionMnist().limit(96);"""))
    cell = ok(execute(kc, """%%compare --warmup 1 --runs 2
shared.fit(few, Loss.crossEntropy(), Optim.sgd(0.1), Fit.epochs(1).batch(32).verbose(false))""", timeout=180))
    html = displays(cell, "text/html")[0][0]["text/html"]
    # without the reset tf would train on from torch's weights and its first loss would be far lower
    assert re.search(r"<td>value loss per step</td><td>[\d.e+-]+</td><td>[\d.e+-]+</td><td>close</td>", html), html
    # the model itself: each backend's weights as they were at the end of its own run
    cell = ok(execute(kc, """%%compare --warmup 0
shared.fit(few, Loss.crossEntropy(), Optim.sgd(0.1), Fit.epochs(1).batch(32).verbose(false));
shared""", timeout=180))
    html = displays(cell, "text/html")[0][0]["text/html"]
    assert re.search(r"<td>value weights \(4 variables\)</td><td>[\d.e+-]+</td><td>[\d.e+-]+</td><td>close</td>", html), html


def test_a_failing_backend_fills_its_column_and_the_other_still_runs(kernel):
    _, kc = kernel
    cell = ok(execute(kc, """%%compare --warmup 0
if (Backends.currentName().equals("torch")) throw new IllegalStateException("only tf today");
Ops.eye(3).mul(2.0).sum().item()""", timeout=120))
    data = displays(cell, "text/html")[0][0]
    assert "FAILED: run 1 failed:" in data["text/html"] and "only tf today" in data["text/html"]
    assert "tf value:\n6.0" in data["text/plain"]
    assert "not compared: fewer than two backends ran" in data["text/plain"]
    assert "\x1b[" not in data["text/plain"]


def test_compare_says_random_ops_differ_rather_than_flagging_a_mismatch(kernel):
    _, kc = kernel
    cell = ok(execute(kc, "%%compare --warmup 0 --no-check\nOps.rand(3).sum().item()", timeout=120))
    assert "not checked (--no-check)" in displays(cell, "text/html")[0][0]["text/plain"]
    cell = ok(execute(kc, "%%compare --warmup 0\nOps.rand(1000).sum().item()", timeout=120))
    text = displays(cell, "text/html")[0][0]["text/plain"]
    assert "differ, as expected: the cell uses backend random ops" in text


def test_compare_rejects_bad_options_with_its_usage(kernel):
    _, kc = kernel
    cell = execute(kc, "%%compare --backends torch,jax\n1")
    assert cell.status == "error" and "unknown backend 'jax'" in cell.error["evalue"]
    assert "Usage:" in cell.traceback and "\tat " not in cell.traceback
