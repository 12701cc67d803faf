"""Event scoring (pipeline.evaluate): the matching of ../shared/eval/event_score.py, exactly."""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, shared_path

from pipeline.evaluate import Scores, evaluate, name_match, overlap, score


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Россия и Китай подписали соглашение", "Россия и Китай подписали соглашение.", 1.0),
        ("Россия подписала", "Россией подписано новое соглашение", 1.0),
        ("Ещё одно соглашение", "еще одно СОГЛАШЕНИЕ", 1.0),
        ("Москва Пекин", "Токио Сеул", 0.0),
        ("а б в г", "а б х у з", 0.5),
        ("", "Россия", 0.0),
        ("Россия", "", 0.0),
        ("!!!", "...", 0.0),
    ],
)
def test_overlap_is_the_share_of_the_shorter_texts_stems(a, b, expected):
    assert overlap(a, b) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        ("Китай", {"name": "Китайская Народная Республика", "aliases": ["КНР", "Китай"]}, True),
        ("Китаем", {"name": "Китай"}, False),
        ("Министерства иностранных дел", {"name": "Министерство иностранных дел"}, True),
        ("Газпром", {"name": "ПАО Газпром"}, True),
        ("Газпром нефть", {"name": "ПАО Газпром", "aliases": None}, False),
        ("Россия", {"name": "Китай", "aliases": ["КНР"]}, False),
        ("Агентство стратегических инициатив", {"name": "АСИ", "aliases": []}, False),
        ("", {"name": "Китай"}, False),
        ("Китай", {"name": "", "aliases": ["Китай"]}, True),
    ],
)
def test_name_match_on_names_and_aliases(pred, gold, expected):
    assert name_match(pred, gold) is expected


def gold_event(mention: str, names: list[str], **attrs) -> dict:
    return {"type": "agreement", "modality": "asserted", "sector": "energy", "mentions": [mention],
            "participants": [{"name": n, "aliases": [], "country": None} for n in names], **attrs}


def pred_event(sentence: str, names: list[str], **attrs) -> dict:
    return {"type": "agreement", "modality": "asserted", "sector": "energy", "sentences": [sentence],
            "names": names, "countries": set(), **attrs}


AGREEMENT = "Россия и Китай подписали соглашение о сотрудничестве в энергетике"
MEETING = "Путин встретился с Си Цзиньпином в Пекине"
CONTRACT = "Газпром и CNPC заключили контракт на поставку газа"

GOLD = [
    {"doc_id": "d1", "events": [gold_event(AGREEMENT, ["Россия", "Китай"]),
                                gold_event(MEETING, ["Путин", "Си"])]},
    {"doc_id": "d2", "events": [gold_event(CONTRACT, ["Газпром", "CNPC"])]},
]
PRED = {
    "d1": [pred_event(AGREEMENT + ".", ["Россия", "Китай", "Япония"]),
           pred_event("Погода в Москве была хорошей.", ["Москва"])],
    "not-in-gold": [pred_event(CONTRACT, ["Газпром"])],
}


def test_score_counts_matched_missed_and_extra_events():
    c = score(GOLD, PRED).counts
    assert (c["tp"], c["fp"], c["fn"]) == (1, 1, 2)


def test_score_counts_participants_end_to_end():
    c = score(GOLD, PRED).counts
    assert (c["arg_tp"], c["arg_fp"], c["arg_fn"]) == (2, 2, 4)


def test_score_gives_event_precision_recall_f1():
    assert score(GOLD, PRED).event == pytest.approx((1 / 2, 1 / 3, 0.4))


def test_score_gives_argument_precision_recall_f1():
    assert score(GOLD, PRED).argument == pytest.approx((2 / 4, 2 / 6, 0.4))


def test_score_matches_one_to_one():
    pred = {"d2": [pred_event(CONTRACT, ["Газпром"]), pred_event(CONTRACT + "!", ["CNPC"])]}
    c = score([GOLD[1]], pred).counts
    assert (c["tp"], c["fp"], c["fn"]) == (1, 1, 0)


def test_score_matches_the_best_participant_agreement_first():
    gold = [{"doc_id": "d", "events": [gold_event(AGREEMENT, ["Россия", "Китай"]),
                                       gold_event(AGREEMENT, ["Газпром", "CNPC"])]}]
    pred = {"d": [pred_event(AGREEMENT, ["Газпром", "CNPC"])]}
    assert score(gold, pred).counts["arg_tp"] == 2


def test_score_needs_the_minimum_overlap():
    pred = {"d2": [pred_event("Газпром заключил договор с Казахстаном о транзите нефти", ["Газпром"])]}
    assert score([GOLD[1]], pred).counts["tp"] == 0


def test_score_checks_attributes_of_matched_events():
    gold = [{"doc_id": "d", "events": [gold_event(AGREEMENT, ["Россия"], date="2025-10", place="Пекин",
                                                  money=[{"amount": 1e9, "currency": "USD"}])]}]
    pred = {"d": [pred_event(AGREEMENT, ["Россия"], date=dt.date(2025, 10, 25), place="в Пекине",
                             amount=1.005e9, currency="USD", modality="planned")]}
    attributes = score(gold, pred).attributes
    assert {k: tuple(v) for k, v in attributes.items()} == {
        "type": (1, 1), "modality": (0, 1), "sector": (1, 1), "date": (1, 1), "place": (1, 1),
        "money": (1, 1)}


def test_score_of_nothing_is_zero():
    scores = score([], {})
    assert (scores.event, scores.argument) == ((0.0, 0.0, 0.0), (0.0, 0.0, 0.0))


def test_verbose_score_lists_matches_misses_and_extras():
    lines = score(GOLD, PRED, verbose=True).lines
    assert sorted(line.split()[0] for line in lines) == ["EXTRA", "MATCH", "MISS", "MISS"]


def test_prf_of_no_predictions_is_zero_not_a_division_error():
    assert Scores.prf(0, 0, 5) == (0.0, 0.0, 0.0)


# --- against the shared scorer, on a real output folder ------------------------------------------


def shared_scorer():
    """../shared/eval/event_score.py as a module."""
    path = shared_path("eval", "event_score.py")
    spec = importlib.util.spec_from_file_location("event_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def gold_output(tmp_path_factory) -> tuple[Path, Path]:
    """(gold file, output folder of ``python -m pipeline run`` on it)."""
    gold = shared_path("gold", "events_dev.jsonl")
    out = tmp_path_factory.mktemp("gold-output")
    # Small chunks so that both workers share the 30 articles.
    subprocess.run([sys.executable, "-m", "pipeline", "run", str(gold), "--output", str(out), "--workers", "2",
                    "--chunk-size", "4", "-q"], cwd=ROOT, check=True, capture_output=True, timeout=600)
    return gold, out


@pytest.mark.slow
def test_the_gold_output_has_events_to_score(gold_output):
    counts = evaluate(*gold_output).counts
    assert (counts["tp"] > 0, counts["fp"] + counts["fn"] > 0) == (True, True)


@pytest.mark.slow
def test_event_scores_agree_with_the_shared_scorer(gold_output):
    gold, out = gold_output
    assert evaluate(gold, out).event == shared_scorer().score(str(gold), str(out))["event"]


@pytest.mark.slow
def test_argument_scores_agree_with_the_shared_scorer(gold_output):
    gold, out = gold_output
    assert evaluate(gold, out).argument == shared_scorer().score(str(gold), str(out))["argument"]


@pytest.mark.slow
def test_attribute_accuracies_agree_with_the_shared_scorer(gold_output):
    gold, out = gold_output
    ours = {k: (v[0] / v[1], v[1]) for k, v in evaluate(gold, out).attributes.items() if v[1]}
    theirs = {k: v for k, v in shared_scorer().score(str(gold), str(out))["attributes"].items() if v[1]}
    assert ours == theirs


@pytest.mark.slow
def test_the_evaluate_command_prints_the_shared_scorers_summary(gold_output):
    gold, out = gold_output
    ours = subprocess.run([sys.executable, "-m", "pipeline", "evaluate", "--gold", str(gold), "--output",
                           str(out)], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    ours = ours.strip().splitlines()[-1]
    theirs = subprocess.run([sys.executable, str(shared_path("eval", "event_score.py")), str(gold), str(out)],
                            cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    assert ours == theirs
