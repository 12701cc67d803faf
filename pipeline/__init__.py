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

    Tables not yet written come back empty with their columns.
    """
    from pipeline.tables import SCHEMAS, read_table

    names = tables or list(SCHEMAS)
    return {name: read_table(Path(output), name).to_pandas() for name in names}


def run(config: Config) -> RunReport:
    """Run the pipeline (see :func:`pipeline.runner.run`)."""
    from pipeline.runner import run as _run

    return _run(config)


def __getattr__(name: str) -> Any:
    if name == "Config":
        from pipeline.config import Config

        return Config
    raise AttributeError(name)
