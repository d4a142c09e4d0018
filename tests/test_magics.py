"""End-to-end tests of the magics through a real kernel and jupyter_client.

Each test runs cells the way a notebook does and checks what the front end receives: streams,
display_data with the right MIME type, execute_result, and errors without a Java stack trace.
"""
import pathlib
import re
import time

import pytest

from juxta_client import execute, request

TIMEIT_LINE = re.compile(r"^\S+ \S+ ± \S+ \S+ per loop \(mean ± std\. dev\. of (\d+) runs?, ([\d,]+) loops? each\)$", re.M)


def ok(cell):
    assert cell.status == "ok", cell.traceback
    return cell


def test_lsmagic_lists_the_magics_by_area(kernel):
    _, kc = kernel
    out = ok(execute(kc, "%lsmagic")).stream()
    for area in ("Timing:", "Dependencies:", "Session:", "Output:", "Shell:"):
        assert area in out
    assert out.index("Timing:") < out.index("Dependencies:") < out.index("Session:")
    assert "%timeit %%timeit" in out


def pager_text(cell):
    pages = [p for p in cell.reply["content"].get("payload", []) if p.get("source") == "page"]
    assert pages, cell.reply["content"]
    return pages[0]["data"]["text/plain"]


def test_help_with_a_question_mark_opens_the_pager(kernel):
    _, kc = kernel
    help_text = pager_text(ok(execute(kc, "%timeit?")))
    assert help_text.startswith("%timeit [-n N] [-r R]")
    assert "JIT" in help_text
    assert pager_text(ok(execute(kc, "%help %%writefile"))).startswith("%%writefile [-a] FILE")


def test_unknown_magic_is_a_usage_error_with_a_suggestion_and_no_stack_trace(kernel):
    _, kc = kernel
    cell = execute(kc, "%tmeit 1+1")
    assert cell.status == "error"
    assert cell.error["ename"] == "UsageError"
    assert "Did you mean %time" in cell.error["evalue"]
    assert "\tat " not in cell.traceback and "io.juxta" not in cell.traceback


def test_bad_option_answers_with_the_usage(kernel):
    _, kc = kernel
    cell = execute(kc, "%timeit --numbr 5 1+1")
    assert cell.status == "error"
    assert "Did you mean --number?" in cell.error["evalue"]
    assert "Usage:" in cell.traceback and "%timeit [-n N]" in cell.traceback


def test_time_prints_cpu_and_wall_time_and_shows_the_value(kernel):
    _, kc = kernel
    cell = ok(execute(kc, "%time 6 * 7"))
    assert re.search(r"CPU times: user .+, sys: .+, total: .+\nWall time: .+", cell.stream())
    assert cell.result == "42"


def test_a_magics_value_is_shown_as_a_plain_cell_shows_it(kernel, tmp_path):
    _, kc = kernel
    assert ok(execute(kc, '"a\\tb"')).result == '"a\\tb"'  # JShell's form: quoted, escaped
    assert ok(execute(kc, '%time "a\\tb"')).result == '"a\\tb"'
    assert ok(execute(kc, '%%time\nString.join("-", "x", "y")')).result == '"x-y"'
    script = tmp_path / "greet.jsh"
    script.write_text('String greet(String who) { return "hey " + who; }\ngreet("file")\n')
    assert ok(execute(kc, f"%load {script}")).result == '"hey file"'
    assert ok(execute(kc, "%time 'c'")).result == "'c'"


def seconds_of(text, label):
    value, unit = re.search(label + r": ([0-9.]+) (s|ms|µs|ns)", text).groups()
    return float(value) * {"s": 1, "ms": 1e-3, "µs": 1e-6, "ns": 1e-9}[unit]


def test_time_reports_running_the_code_apart_from_compiling_it(kernel):
    _, kc = kernel
    slept = ok(execute(kc, "%time Thread.sleep(300)")).stream()
    assert seconds_of(slept, "Wall time") >= 0.3, slept
    assert seconds_of(slept, "Compiler time") > 0, slept
    # declarations compile and run nothing: javac's time is not the code's
    methods = "\n".join(f"int twice{i}(int v) {{ return 2 * v + {i}; }}" for i in range(40))
    declared = ok(execute(kc, "%%time\n" + methods)).stream()
    assert seconds_of(declared, "Wall time") < seconds_of(declared, "Compiler time"), declared
    # a shell line in the body is neither the code's run nor its compiling
    shell = ok(execute(kc, "%%time\n!sleep 1\n1")).stream()
    assert seconds_of(shell, "Compiler time") < 0.9 and seconds_of(shell, "Wall time") < 0.9, shell


def test_errors_in_a_magics_code_point_at_the_users_lines(kernel):
    _, kc = kernel
    for magic in ("%%time", "%%capture"):
        cell = execute(kc, magic + "\nint fine = 1;\nint broken = ;")
        assert ", line 3, column 14:" in cell.traceback, (magic, cell.traceback)
    timed = execute(kc, "%timeit -n 1 -r 1 noSuchName + 1")
    assert "noSuchName + 1" in timed.traceback and "return" not in timed.traceback, timed.traceback


def test_an_error_in_code_that_a_magic_line_above_also_ran_names_its_own_line(kernel):
    _, kc = kernel
    ok(execute(kc, 'int dupCalls = 0;\nint dup() { if (++dupCalls > 1) throw new IllegalStateException("again"); return 1; }'))
    cell = execute(kc, "%time dup()\ndup()")
    assert cell.status == "error"
    assert re.search(r"at <cell>\(.*In \[\d+\].*, line 2\)", cell.traceback), cell.traceback


def test_timeit_prints_ipythons_line_and_returns_the_result_with_o(kernel):
    _, kc = kernel
    ok(execute(kc, "long juxtaCounter = 0;"))
    cell = ok(execute(kc, "%timeit -n 1000 -r 3 juxtaCounter++"))
    match = TIMEIT_LINE.search(cell.stream())
    assert match, cell.stream()
    assert match.groups() == ("3", "1,000")
    assert ok(execute(kc, "juxtaCounter")).result == "3000"
    result = ok(execute(kc, "%timeit -o -q -n 10 -r 2 Math.sqrt(2.0)"))
    assert TIMEIT_LINE.search(result.result), result.result


def test_code_timeit_runs_fails_as_the_same_code_in_a_cell_fails(kernel):
    _, kc = kernel
    ok(execute(kc, "int parseIt(String s) {\n    return Integer.parseInt(s);\n}"))
    plain = execute(kc, 'parseIt("x")')
    timed = execute(kc, '%timeit -n 1 -r 1 parseIt("x")')
    captured = execute(kc, '%%capture\n%timeit -n 1 -r 1 parseIt("x")')
    for cell in (plain, timed, captured):
        assert cell.error["ename"] == "java.lang.NumberFormatException"
        assert cell.error["evalue"] == 'For input string: "x"'
    for cell in (timed, captured):
        shown = "\n".join(cell.error["traceback"])
        assert re.search(r"at parseIt\(.*In \[\d+\].*, line 2\)", shown), shown
        assert "io.juxta" not in shown and "Bench" not in shown, shown


def test_java_and_line_magics_run_in_order(kernel):
    _, kc = kernel
    cell = ok(execute(kc, "int a = 40;\n%env JUXTA_E2E=yes\n!echo \"shell sees $JUXTA_E2E\"\na + 2"))
    assert "env: JUXTA_E2E=yes\n" in cell.stream()
    assert "shell sees yes\n" in cell.stream()
    assert cell.result == "42"


def test_bash_output_is_streamed_line_by_line(fresh_kernel):
    # a kernel of its own: once the worker's stdout flusher thread has died (a race in
    # CellOutput.awaitAndFlush when a cell ends, reported to the kernel's owner) output only
    # arrives when the cell ends
    _, kc = fresh_kernel
    cell = ok(execute(kc, "%%bash\nfor i in 1 2 3; do echo line $i; sleep 0.3; done"))
    chunks = [m["content"]["text"] for m in cell.of_type("stream") if m["content"]["name"] == "stdout"]
    assert "".join(chunks) == "line 1\nline 2\nline 3\n"
    assert len(chunks) >= 2, "lines printed 0.3 s apart arrive in more than one message"


def test_display_magics_send_their_mime_type(kernel):
    _, kc = kernel
    for magic, mime, body in (("html", "text/html", "<b>bold</b>"), ("markdown", "text/markdown", "# Title"),
                              ("latex", "text/latex", "$$x^2$$"), ("svg", "image/svg+xml", "<svg></svg>"),
                              ("javascript", "application/javascript", "console.log(1)")):
        cell = ok(execute(kc, f"%%{magic}\n{body}"))
        shown = cell.of_type("display_data")
        assert shown and shown[0]["content"]["data"][mime] == body, (magic, cell.messages)


def test_whos_shows_a_table_of_variables(kernel):
    _, kc = kernel
    ok(execute(kc, "String juxtaName = \"Ada\";"))
    cell = ok(execute(kc, "%whos"))
    table = cell.of_type("display_data")[0]["content"]["data"]
    assert re.search(r"juxtaName\s+String\s+\"Ada\"", table["text/plain"])
    assert "<table>" in table["text/html"]


def test_a_variable_a_redefinition_made_unusable_says_so_in_help_and_whos(kernel):
    _, kc = kernel
    ok(execute(kc, "record Spot(int x) {}\nvar spot = new Spot(1);"))
    ok(execute(kc, "record Spot(int x, int y) {}"))  # spot's initializer no longer compiles
    assert pager_text(ok(execute(kc, "spot?"))) == "Type:  Spot\nValue: (cannot be used: run its declaration again)"
    table = ok(execute(kc, "%whos Spot")).of_type("display_data")[0]["content"]["data"]["text/plain"]
    assert re.search(r"spot\s+Spot\s+<cannot be used: run its declaration again>", table), table


def test_capture_stores_output_in_a_variable(kernel):
    _, kc = kernel
    cell = ok(execute(kc, "%%capture captured\nSystem.out.println(\"hidden\");\n!echo from-shell"))
    assert "hidden" not in cell.stream()
    assert ok(execute(kc, "captured.get(\"stdout\")")).result == '"hidden\\nfrom-shell\\n"'


def test_capture_records_displays_from_java_code_and_their_updates(kernel):
    _, kc = kernel
    cell = ok(execute(kc, "%%capture shown\nvar h = display(html(\"<b>first</b>\"));\n"
                          "h.update(html(\"<b>second</b>\"));\ndisplay(html(\"<i>third</i>\"));"))
    assert not cell.of_type("display_data") + cell.of_type("update_display_data"), "captured displays must not reach the notebook"
    outputs = ok(execute(kc, "shown.get(\"outputs\").toString()")).result
    assert "<b>second</b>" in outputs and "<i>third</i>" in outputs and "<b>first</b>" not in outputs
    after = ok(execute(kc, "display(html(\"<b>after</b>\"));"))
    assert len(after.of_type("display_data")) == 1, "displays after %%capture reach the notebook again"


def test_writefile_then_load(kernel, tmp_path):
    _, kc = kernel
    script = tmp_path / "helper.jsh"
    ok(execute(kc, f"%%writefile {script}\nint juxtaTriple(int x) {{ return 3 * x; }}\njuxtaTriple(5)"))
    assert script.read_text() == "int juxtaTriple(int x) { return 3 * x; }\njuxtaTriple(5)\n"
    assert ok(execute(kc, f"%load {script}")).result == "15"


def test_maven_adds_jars_offline_from_the_local_repository(kernel):
    _, kc = kernel
    # the build itself puts junit-jupiter-api and its dependencies in the local repository
    cell = ok(execute(kc, "%maven --offline org.junit.jupiter:junit-jupiter-api:5.11.4", timeout=120))
    assert "junit-jupiter-api-5.11.4.jar" in cell.stream()
    assert ok(execute(kc, "org.junit.jupiter.api.Assertions.class.getSimpleName()")).result == '"Assertions"'


def test_completion_of_magic_names_and_options(kernel):
    _, kc = kernel
    names = request(kc, "complete", "%ti", 3)["content"]
    assert {"%time", "%timeit"} <= set(names["matches"])
    assert names["cursor_start"] == 0
    options = request(kc, "complete", "%timeit --rep", 13)["content"]
    assert "--repeat" in options["matches"]


def _interrupt(km, kc, code):
    execute(kc, "1")  # the session is up: the interrupt reaches a running cell, not a queued one
    msg_id = kc.execute(code)
    time.sleep(1.5)
    km.interrupt_kernel()
    while True:
        reply = kc.get_shell_msg(timeout=30)
        if reply["parent_header"]["msg_id"] == msg_id:
            return reply["content"]


def test_a_progress_bar_an_interrupted_loop_left_open_says_it_stopped(fresh_kernel):
    # no try-with-resources: the loop never closes its bar, whose line would go on saying how long is left
    km, kc = fresh_kernel
    ok(execute(kc, "var kept = Progress.start(1, 10);\nkept.step(0.5);"))  # an earlier cell's bar, stepped later
    msg_id = kc.execute("var bar = Progress.start(1, 1000);\nfor (int i = 0; i < 1000; i++) { Thread.sleep(20); bar.step(0.5); }")
    time.sleep(2)
    km.interrupt_kernel()
    shown = []
    while True:
        m = kc.get_iopub_msg(timeout=30)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] in ("display_data", "update_display_data"):
            shown.append(m["content"]["data"]["text/plain"])
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    assert any(" left" in text for text in shown), shown
    assert shown[-1].splitlines()[-1].startswith("stopped after "), shown[-1]
    assert ok(execute(kc, "bar.stepsDone() > 0")).result == "true", "the session and the bar's record stay"
    assert ok(execute(kc, "kept.step(0.4); kept.stepsDone()")).result == "2", "another cell's bar is left alone"


def _processes(cmdline):
    found = []
    for proc in pathlib.Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and (proc / "cmdline").read_text() == cmdline:
                found.append(int(proc.name))
        except OSError:
            pass
    return found


def test_interrupt_stops_a_bash_cell_and_what_it_started(fresh_kernel):
    km, kc = fresh_kernel
    reply = _interrupt(km, kc, "%%bash\nsleep 617 &\nsleep 617")
    assert reply["status"] == "error" and reply["ename"] == "Interrupted", reply
    time.sleep(0.5)
    assert _processes("sleep\x00617\x00") == [], "the background sleep was orphaned"
    assert execute(kc, "1 + 2").result == "3"


def test_interrupt_stops_timeit(fresh_kernel):
    km, kc = fresh_kernel
    reply = _interrupt(km, kc, "%timeit -n 100 -r 1000 Thread.sleep(10)")
    assert reply["status"] == "error" and reply["ename"] == "Interrupted", reply
    assert execute(kc, "1 + 2").result == "3"


def test_reset_drops_the_users_definitions_and_keeps_startup_imports(fresh_kernel):
    _, kc = fresh_kernel
    ok(execute(kc, "int mine = 5;\nString greet() { return \"hi\"; }"))
    out = ok(execute(kc, "%reset -f")).stream()
    assert out == "Dropped 2 definitions.\n"
    assert execute(kc, "mine").status == "error"
    assert ok(execute(kc, "List.of(1, 2).size()")).result == "2"


def test_a_name_and_a_question_mark_shows_its_help_in_the_pager_as_in_ipython(kernel):
    _, kc = kernel
    def paged(code):
        cell = ok(execute(kc, code))
        pages = [p["data"]["text/plain"] for p in cell.reply["content"]["payload"] if p.get("source") == "page"]
        return cell, "\n".join(pages)
    _, text = paged("String.valueOf?")
    assert "valueOf(" in text, text
    _, text = paged("maven?")
    assert text.startswith("%maven"), text
    execute(kc, "var answer = List.of(4, 2);")
    _, text = paged("answer?")
    assert "List<Integer>" in text and "[4, 2]" in text, text
    execute(kc, 'Object grumpy = new Object() { public String toString() { throw new IllegalStateException("no"); } };')
    _, text = paged("grumpy?")
    assert text == "Type:  Object\nValue: [no]", text
    execute(kc, "int time = 5;")
    _, text = paged("time?")
    assert text == "Type:  int\nValue: 5", "a variable comes before a magic of the same name, as in IPython"
    cell, text = paged("noSuchThing??")
    assert text == "" and "Object `noSuchThing` not found" in cell.stream(), cell.stream()
    assert execute(kc, "boolean yes = true;\nyes ? 1 : 2").result == "1", "a ternary is Java, not help"
