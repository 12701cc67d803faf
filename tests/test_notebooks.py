"""The analysis notebooks in notebooks/ run top to bottom on a real output and draw every plot from real data.

The samples are run through the CLI once per session; each notebook is executed with nbclient against
that output (given through the COOP_OUTPUT environment variable, as a user would) and saved to a
temporary folder, never over the committed notebook. A second, tiny output without any event checks
that the notebooks say so instead of failing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, SAMPLES
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
NOTEBOOK_IDS = [path.stem for path in NOTEBOOKS]
KERNEL = "coop-pipeline-notebook-tests"
NO_DATA = "No data to plot"  # what the notebooks print instead of an empty picture
CELL_TIMEOUT = 300


def run_cli(source: Path, out: Path) -> Path:
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(source), "--output", str(out),
                           "--workers", "1", "-q"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return out


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory) -> Path:
    """The bundled samples through the CLI: the output `make run` writes, in a temporary folder."""
    return run_cli(SAMPLES, tmp_path_factory.mktemp("notebooks") / "sample-output")


@pytest.fixture(scope="session")
def eventless_output(tmp_path_factory) -> Path:
    """A real output with one article and no event (no participants, money or event dates either)."""
    folder = tmp_path_factory.mktemp("eventless")
    (folder / "weather.txt").write_text("Погода в Москве будет солнечной. Температура поднимется до 20 градусов.\n",
                                        encoding="utf-8")
    return run_cli(folder, folder / "output")


@pytest.fixture(scope="session")
def jupyter_path(tmp_path_factory) -> Path:
    """A private kernel spec that runs this very interpreter, whatever "python3" kernel the machine has."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "coop-pipeline notebook tests", "language": "python",
    }))
    return root


@pytest.fixture
def execute(jupyter_path, tmp_path, monkeypatch):
    """execute(notebook, output) -> the executed notebook (also saved under tmp_path)."""
    monkeypatch.setenv("JUPYTER_PATH", str(jupyter_path))
    # the kernel imports `pipeline` from the source tree even when the package is not installed
    monkeypatch.setenv("PYTHONPATH", str(ROOT), prepend=os.pathsep)

    def _execute(path: Path, output: Path):
        monkeypatch.setenv("COOP_OUTPUT", str(output))
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name=KERNEL,
                                resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
        saved = tmp_path / path.name
        try:
            client.execute()
        except CellExecutionError as error:
            pytest.fail(f"{path.name} failed on {output} (executed copy: {saved}):\n{error}")
        finally:
            nbformat.write(nb, saved)
        return nb

    return _execute


def outputs(nb) -> list[dict]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]


def images(nb) -> int:
    return sum("image/png" in out.get("data", {}) for out in outputs(nb))


def printed(nb) -> str:
    return "".join(out.get("text", "") for out in outputs(nb) if out.get("output_type") == "stream")


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 5, NOTEBOOKS
    assert (NOTEBOOK_DIR / "README.md").is_file()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_notebooks_are_committed_without_outputs_and_take_their_output_folder_as_a_parameter(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    first = code[0]
    assert "parameters" in first.metadata.get("tags", [])
    assert 'OUTPUT = os.environ.get("COOP_OUTPUT", "../output")' in first.source


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_notebook_runs_on_the_sample_output_and_plots_real_data(path, sample_output, execute):
    nb = execute(path, sample_output)
    assert images(nb) >= 1
    assert NO_DATA not in printed(nb)  # every plot of the notebook had data to draw


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_notebook_says_so_when_an_output_has_no_events(path, eventless_output, execute):
    nb = execute(path, eventless_output)
    assert NO_DATA in printed(nb)
