"""The notebook in docs/ runs from top to bottom against the installed package, as a researcher would
run it, and shows what it says it shows."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

NOTEBOOK = ROOT / "docs" / "analysis.ipynb"


@pytest.mark.slow  # a kernel started and every council judged for five years
def test_the_analysis_notebook_runs():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("pandas")
    pytest.importorskip("ipykernel")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"path": str(ROOT)}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "\n".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "770 cases; 18480 rows (a row per case and area)" in text
    assert "councils' caseload grade moves in 2025" in text
    tables = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("Barking and Dagenham" in t for t in tables)  # the council-by-year table, alphabetical
