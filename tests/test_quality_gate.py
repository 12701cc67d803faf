"""Golden quality gate: the pipeline on the development gold must stay above the pinned floors.

Floors live in tests/quality_floors.json (trafilatura's eval gate style). Skipped with a clear
message when ../shared is absent.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT, shared_path

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gold_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The CLI run on ../shared/gold/events_dev.jsonl."""
    gold = shared_path("gold", "events_dev.jsonl")
    out = tmp_path_factory.mktemp("gold") / "out"
    subprocess.run([sys.executable, "-m", "pipeline", "run", str(gold), "--output", str(out), "-q"],
                   check=True, cwd=ROOT, capture_output=True)
    return out


def test_event_f1_stays_above_its_floor(gold_output: Path) -> None:
    scorer = _load(shared_path("eval", "event_score.py"), "event_score")
    res = scorer.score(str(shared_path("gold", "events_dev.jsonl")), str(gold_output))
    assert res["event"][2] >= FLOORS["events_event_f1"], scorer.fmt(res)


def test_argument_f1_stays_above_its_floor(gold_output: Path) -> None:
    scorer = _load(shared_path("eval", "event_score.py"), "event_score")
    res = scorer.score(str(shared_path("gold", "events_dev.jsonl")), str(gold_output))
    assert res["argument"][2] >= FLOORS["events_argument_f1"], scorer.fmt(res)


def test_participant_countries_stay_above_their_floor(gold_output: Path) -> None:
    scorer = _load(shared_path("eval", "event_score.py"), "event_score")
    res = scorer.score(str(shared_path("gold", "events_dev.jsonl")), str(gold_output))
    assert res["attributes"]["countries"][0] >= FLOORS["events_countries_accuracy"], scorer.fmt(res)


@pytest.mark.parametrize(
    ("source_id", "parties"),
    [
        ("seed-tass-asi-imco", {("Агентство стратегических инициатив", "RUS"),
                                ("International Music Collaboration Organization", "CHN")}),
        ("seed-moscow-brics-fashion", {("Москва", "RUS"), ("Таиланд", "THA")}),
    ],
)
def test_the_seed_articles_agreements_have_their_parties_and_countries(
        gold_output: Path, source_id: str, parties: set[tuple[str, str]]) -> None:
    import duckdb

    rows = duckdb.sql(f"""
        SELECT e.event_id, p.name, p.country
        FROM read_parquet('{gold_output}/events/*.parquet') e
        JOIN read_parquet('{gold_output}/documents/*.parquet') d USING (doc_id)
        JOIN read_parquet('{gold_output}/event_participants/*.parquet', union_by_name = true) p USING (event_id)
        WHERE d.source_id = '{source_id}' AND e.type = 'agreement'
    """).fetchall()
    by_event: dict[str, set[tuple[str, str]]] = {}
    for event_id, name, country in rows:
        by_event.setdefault(event_id, set()).add((name, country))
    assert any(parties <= found for found in by_event.values()), by_event


def test_ner_f1_on_factru_stays_above_its_floor() -> None:
    gold_dir = shared_path("gold", "factru_dev")
    scorer = _load(shared_path("eval", "ner_score.py"), "ner_score")
    score_ner = _load(ROOT / "scripts" / "score_ner.py", "score_ner")
    gold = scorer.load_gold(gold_dir / "gold.jsonl")
    texts = {d: (gold_dir / "texts" / f"{d}.txt").read_text(encoding="utf-8") for d in gold}
    res = scorer.score(gold, score_ner.predict(texts, raw=False))
    assert res["ALL"][2] >= FLOORS["ner_factru_all_f1"], scorer.fmt(res)


@pytest.fixture(scope="module")
def nerel_counts(annotator) -> dict[str, list[int]]:
    """scripts/score_spans.py's NEREL span counts: {type: [tp, predicted, gold]}."""
    score_spans = _load(ROOT / "scripts" / "score_spans.py", "score_spans")
    return score_spans.score_nerel(annotator, shared_path("gold", "nerel_dev"), verbose=False)


@pytest.mark.parametrize(("type_", "floor"), [("MONEY", "nerel_money_span_f1"), ("DATE", "nerel_date_span_f1")])
def test_span_f1_on_nerel_stays_above_its_floor(nerel_counts, type_: str, floor: str) -> None:
    tp, n_pred, n_gold = nerel_counts[type_]
    f1 = 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0
    assert f1 >= FLOORS[floor], f"{type_} span F1 {f1:.3f}"
