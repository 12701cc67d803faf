"""Russian news in, structured cooperation events out.

Library use::

    import pipeline
    report = pipeline.run(pipeline.Config(inputs=("articles/",), output=Path("out")))
    tables = pipeline.load("out")          # {"documents": DataFrame, "events": DataFrame, ...}
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

# Before any submodule imports natasha or yargy: point their "pymorphy2" at pymorphy3.
from pipeline import natasha_compat  # noqa: F401

__version__ = "0.1.0"

if TYPE_CHECKING:
    import pandas as pd

    from pipeline.config import Config
    from pipeline.runner import RunReport

__all__ = ["Config", "__version__", "load", "run"]


def load(output: str | Path = "output", tables: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Load the output tables of ``output`` as pandas DataFrames keyed by table name.

    Tables not yet written come back empty with their columns; the int16 date parts keep a
    nullable integer dtype. Raises FileNotFoundError when ``output`` holds no run at all (a
    mistyped path would otherwise look like an empty corpus).
    """
    import pandas as pd
    import pyarrow as pa

    from pipeline.tables import SCHEMAS, read_table

    folder = Path(output)
    if not (folder / "documents").is_dir() and not (folder / "runs").is_dir():
        raise FileNotFoundError(f"{folder} holds no pipeline output (no documents/ or runs/ folder)")
    # the date parts (year, month, day) have nulls: keep them integers, not floats
    nullable = {pa.int16(): pd.Int16Dtype()}
    names = tables or list(SCHEMAS)
    return {name: read_table(folder, name).to_pandas(types_mapper=nullable.get) for name in names}


def run(config: Config) -> RunReport:
    """Run the pipeline (see :func:`pipeline.runner.run`)."""
    from pipeline.runner import run as _run

    return _run(config)


def __getattr__(name: str) -> Any:
    if name == "Config":
        from pipeline.config import Config

        return Config
    raise AttributeError(name)
