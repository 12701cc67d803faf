"""Shared fixtures: the real Natasha models, loaded once per test session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a clear message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside the project)")
    return path


@pytest.fixture(scope="session")
def annotator():
    """The real Annotator with Natasha's news models (parses syntax for every sentence)."""
    from pipeline.annotate import Annotator

    return Annotator()


@pytest.fixture(scope="session")
def processor():
    """The real per-document pipeline (models, gazetteer, extractors, events)."""
    from pipeline.chunks import get_processor

    return get_processor()


@pytest.fixture(scope="session")
def annotate(annotator) -> Callable[..., object]:
    """Annotate a text: ``annotate("...", published=date)`` -> AnnotatedDoc."""
    from pipeline.types import Article

    def _annotate(text: str, published: dt.date | None = None, title: str | None = None):
        return annotator.annotate("test", Article(source_id="test", path="", text=text, title=title,
                                                  published=published))

    return _annotate


@pytest.fixture(scope="session")
def process(processor) -> Callable[..., object]:
    """Run the whole per-document pipeline on a text -> DocResult."""
    from pipeline.types import Article

    def _process(text: str, published: dt.date | None = None, title: str | None = None):
        return processor.process(Article(source_id="test", path="", text=text, title=title, published=published))

    return _process
