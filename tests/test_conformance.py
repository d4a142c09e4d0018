"""The Jupyter project's kernel conformance suite (Debian's python3-jupyter-kernel-test), with Java samples."""
import unittest

import jupyter_kernel_test


class JuxtaConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "juxta"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    completion_samples = [
        {"text": "System.out.pri", "matches": {"print(", "printf(", "println("}},
        {"text": "Math.ma", "matches": {"max("}},
    ]
    complete_code_samples = ["1 + 1", "int x = 1;", "void f() {}", "import java.util.List;"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y = ", "class A {"]
    invalid_code_samples = ["int 3x = 1;", "int x = ;", ")"]
    code_page_something = 'page("some text for the pager")'
    code_generate_error = 'throw new RuntimeException("boom");'
    code_execute_result = [
        {"code": "1 + 2 + 3", "result": "6"},
        {"code": "java.util.List.of(1, 2, 3)", "result": "[1, 2, 3]"},
        {"code": "6 * 7;", "result": "42"},
    ]
    code_display_data = [
        {"code": 'display("<b>bold</b>", "text/html");', "mime": "text/html"},
        {"code": 'display(markdown("*hi*"));', "mime": "text/markdown"},
    ]
    code_history_pattern = "6 ? 7*"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.max"
    code_clear_output = "clearOutput();"


if __name__ == "__main__":
    unittest.main()
