"""The analyst notebook runs top to bottom on the same data, queries and layers as the app."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import REPO


def test_notebook_executes_and_shows_a_pydeck_view(sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWIN_DATA_DIR", str(sample_dir))
    notebook = nbformat.read(REPO / "notebooks" / "district.ipynb", as_version=4)
    NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(REPO / "notebooks")}},
    ).execute()
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]
    assert not [out for out in outputs if out.get("output_type") == "error"]
    html = [out["data"]["text/html"] for out in outputs if "text/html" in out.get("data", {})]
    assert any("deck" in page.lower() for page in html), "the last cell did not render a pydeck view"
    assert "Surface totale" in "".join(out.get("text", "") for out in outputs)
