"""Each notebook's kernel is shut down when the notebook is done, not when the whole report ends."""

import nbformat

from analysis.pack import report


def test_kernel_is_shut_down_after_its_notebook(tmp_path, monkeypatch):
    managers = []
    make = report._kernel_manager

    def recording(sockets):
        managers.append(make(sockets))
        return managers[-1]

    monkeypatch.setattr(report, "_kernel_manager", recording)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    path = tmp_path / "01_tiny.ipynb"
    nbformat.write(nb, path)
    done = report.execute(path)
    assert done.cells[0].outputs[0]["text"] == "42\n"  # 6 × 7
    (km,) = managers
    assert not km.is_alive()
