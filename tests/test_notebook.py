"""nbclient runs a small notebook end to end on the Juxta kernel, as `jupyter execute` would."""
import nbformat
from nbclient import NotebookClient


def test_notebook_runs_top_to_bottom():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "juxta", "display_name": "Java (Juxta)", "language": "java"}
    nb.cells = [
        nbformat.v4.new_code_cell('System.out.println("E2E-TEXT-OK " + (40 + 2));'),
        nbformat.v4.new_code_cell("var image = new java.awt.image.BufferedImage(96, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);\nimage"),
        nbformat.v4.new_code_cell("String greet(String who) { return \"hello \" + who; }\ngreet(\"notebook\")"),
    ]
    NotebookClient(nb, timeout=120, kernel_name="juxta").execute()
    out0, out1, out2 = (c.outputs for c in nb.cells)
    assert out0[0]["text"] == "E2E-TEXT-OK 42\n"
    assert out1[0]["output_type"] == "execute_result" and "image/png" in out1[0]["data"]
    assert out1[0]["metadata"]["image/png"] == {"width": 96, "height": 64}
    assert out2[0]["data"]["text/plain"] == '"hello notebook"'
    assert [c.execution_count for c in nb.cells] == [1, 2, 3]
