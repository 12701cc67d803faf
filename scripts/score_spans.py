"""Score the money, date and percentage extractors on the development gold.

Usage: python scripts/score_spans.py [--shared ../shared] [-v]

1. Span P/R/F1 for MONEY, DATE and PERCENT on NEREL dev (``gold/nerel_dev``): a predicted span is
   a true positive when it overlaps a gold span of the same type, one to one (a maximum
   matching).
2. Value accuracy on ``gold/money_dev.jsonl`` and ``gold/dates_dev.jsonl``: each line's
   ``sentence`` is fed as a one-sentence article (with ``published`` for dates); an expression is
   right when a predicted row overlapping it has the same values (money: amount within 0.5 %,
   same currency and upper bound, and, for the second figure, the same ``approximate``; dates:
   ``date`` and ``date_end`` equal at the gold's precision). A gold row without a value (not
   money, a generic "сегодня") is right when no overlapping row has one.

Documents are annotated by the real :class:`pipeline.annotate.Annotator` (no syntax: the
extractors read morphology only), so the figures are what the pipeline does. ``-v`` lists misses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import natasha_compat  # noqa: E402, F401  (must precede natasha)
from pipeline.annotate import Annotator  # noqa: E402
from pipeline.extractors.dates import extract_dates  # noqa: E402
from pipeline.extractors.money import extract_money  # noqa: E402
from pipeline.extractors.percentages import extract_percentages  # noqa: E402
from pipeline.types import AnnotatedDoc, Article  # noqa: E402

EXTRACTORS: dict[str, Callable[[AnnotatedDoc], Sequence[Any]]] = {
    "MONEY": extract_money,
    "DATE": extract_dates,
    "PERCENT": extract_percentages,
}
Span = tuple[int, int]


def match_spans(gold: list[Span], pred: list[Span]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching (gold index, predicted index) of overlapping spans.

    Maximum rather than greedy: NEREL nests spans ("30 июня [и 1 июля] 2019 года" holds "1 июля
    2019 года"), and a greedy pairing can leave a prediction unmatched that had a partner.
    """
    partners = [[pi for pi, (ps, pe) in enumerate(pred) if ps < ge and gs < pe] for gs, ge in gold]
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in partners[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in range(len(gold)):
        augment(gi, set())
    return sorted((gi, pi) for pi, gi in owner.items())


def prf(tp: int, n_pred: int, n_gold: int) -> str:
    """"P 0.912  R 0.874  F1 0.893  (tp/pred/gold)"."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({tp}/{n_pred}/{n_gold})"


def score_nerel(annotator: Annotator, folder: Path, verbose: bool) -> dict[str, list[int]]:
    """Span P/R/F1 per type on NEREL dev; returns {type: [true positives, predicted, gold]}."""
    counts = {t: [0, 0, 0] for t in EXTRACTORS}
    seconds = dict.fromkeys(EXTRACTORS, 0.0)
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        doc_id = record["doc_id"]
        text = (folder / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
        doc = annotator.annotate(doc_id, Article(source_id=doc_id, path="", text=text))
        for type_, extract in EXTRACTORS.items():
            gold = [(e["start"], e["stop"]) for e in record["entities"] if e["type"] == type_]
            started = time.perf_counter()
            pred = [(m.start, m.stop) for m in extract(doc)]
            seconds[type_] += time.perf_counter() - started
            matched = match_spans(gold, pred)
            counts[type_][0] += len(matched)
            counts[type_][1] += len(pred)
            counts[type_][2] += len(gold)
            if verbose:
                hit_gold = {g for g, _ in matched}
                hit_pred = {p for _, p in matched}
                for i, (s, e) in enumerate(gold):
                    if i not in hit_gold:
                        print(f"  miss {type_:7} {doc_id}: {text[s:e]!r}  ...{text[max(0, s - 40) : e + 20]!r}")
                for i, (s, e) in enumerate(pred):
                    if i not in hit_pred:
                        print(f"  extra {type_:7} {doc_id}: {text[s:e]!r}  ...{text[max(0, s - 40) : e + 20]!r}")
    print("NEREL dev span scores (overlap, one-to-one):")
    for type_, (tp, n_pred, n_gold) in counts.items():
        print(f"  {type_:8} {prf(tp, n_pred, n_gold)}   extractor time {seconds[type_]:.2f} s")
    return counts


def _overlapping(rows: Sequence[Any], start: int, stop: int) -> list[Any]:
    return [r for r in rows if r.start < stop and start < r.stop]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.005 * max(abs(b), 1e-9)


def _sentence_doc(annotator: Annotator, record: dict[str, Any]) -> AnnotatedDoc:
    published = dt.date.fromisoformat(record["published"]) if record.get("published") else None
    article = Article(source_id=record["id"], path="", text=record["sentence"], published=published)
    return annotator.annotate(record["id"], article)


def score_money(annotator: Annotator, path: Path, verbose: bool) -> None:
    """Value accuracy on money_dev.jsonl."""
    right = right_approx = total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        doc = _sentence_doc(annotator, gold)
        start = gold["sentence"].find(gold["text"])
        rows = _overlapping(extract_money(doc), start, start + len(gold["text"]))
        total += 1
        if gold["currency"] is None or gold["amount"] is None:
            ok = ok_approx = not rows
        else:
            good = [
                r for r in rows
                if _close(r.amount, gold["amount"]) and r.currency == gold["currency"]
                and _close(r.amount_max, gold["amount_max"])
            ]  # fmt: skip
            ok = bool(good)
            ok_approx = any(r.approximate == gold["approximate"] for r in good)
        right += ok
        right_approx += ok_approx
        if verbose and not ok_approx:
            got = [(r.text, r.amount, r.amount_max, r.currency, r.approximate) for r in rows]
            want = (gold["amount"], gold["amount_max"], gold["currency"], gold["approximate"])
            print(f"  money {gold['id']} {gold['text']!r}: want {want} got {got}")
    print(f"money_dev value accuracy: {right / total:.3f} ({right}/{total}); "
          f"with approximate: {right_approx / total:.3f} ({right_approx}/{total})")  # fmt: skip


def _at_precision(value: dt.date | None, gold: str | None) -> bool:
    if gold is None:
        return value is None
    return value is not None and value.isoformat()[: len(gold)] == gold


def score_dates(annotator: Annotator, path: Path, verbose: bool) -> None:
    """Value accuracy on dates_dev.jsonl."""
    right = total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        doc = _sentence_doc(annotator, gold)
        start = gold["sentence"].find(gold["text"])
        rows = _overlapping(extract_dates(doc), start, start + len(gold["text"]))
        total += 1
        if gold["date"] is None:
            ok = all(r.date is None for r in rows)
        else:
            ok = any(
                _at_precision(r.date, gold["date"]) and _at_precision(r.date_end, gold.get("date_end"))
                for r in rows
            )
        right += ok
        if verbose and not ok:
            got = [(r.text, str(r.date), str(r.date_end), r.granularity, r.kind) for r in rows]
            want = (gold["date"], gold.get("date_end"), gold["published"])
            print(f"  date {gold['id']} {gold['text']!r}: want {want} got {got}")
    print(f"dates_dev value accuracy: {right / total:.3f} ({right}/{total})")


def main() -> None:
    """Print the span scores and the value accuracies."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    args = ap.parse_args()
    gold = args.shared / "gold"
    annotator = Annotator(needs_syntax=lambda tokens: False)
    score_nerel(annotator, gold / "nerel_dev", args.verbose)
    score_money(annotator, gold / "money_dev.jsonl", args.verbose)
    score_dates(annotator, gold / "dates_dev.jsonl", args.verbose)


if __name__ == "__main__":
    main()
