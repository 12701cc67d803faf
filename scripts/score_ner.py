"""Score the pipeline's NER on factRuEval dev with ../shared/eval/ner_score.py.

Usage: python scripts/score_ner.py [--gold ../shared/gold/factru_dev] [--raw]
--raw scores plain Natasha (NER on the whole text, as its README does) for comparison.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.annotate import Annotator, get_models  # noqa: E402
from pipeline.types import Article  # noqa: E402


def load_scorer(shared: Path):
    """Import ../shared/eval/ner_score.py as a module."""
    spec = importlib.util.spec_from_file_location("ner_score", shared / "eval" / "ner_score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(texts: dict[str, str], raw: bool) -> dict[str, list[tuple[str, str]]]:
    """Entity (type, text) pairs per document, from the pipeline or from raw Natasha."""
    pred: dict[str, list[tuple[str, str]]] = {}
    if raw:
        models = get_models()
        for doc_id, text in texts.items():
            pred[doc_id] = [(s.type, text[s.start:s.stop]) for s in models.ner_tagger(text).spans]
        return pred
    annotator = Annotator(needs_syntax=lambda tokens: False)
    for doc_id, text in texts.items():
        doc = annotator.annotate(doc_id, Article(source_id=doc_id, path="", text=text))
        pred[doc_id] = [(m.type, m.text) for m in doc.mentions]
    return pred


def main() -> None:
    """Print per-type P/R/F1 on factRuEval dev."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold" / "factru_dev")
    ap.add_argument("--raw", action="store_true", help="score raw Natasha instead")
    args = ap.parse_args()
    scorer = load_scorer(args.gold.parents[1])
    gold = scorer.load_gold(args.gold / "gold.jsonl")
    texts = {d: (args.gold / "texts" / f"{d}.txt").read_text(encoding="utf-8") for d in gold}
    print(scorer.fmt(scorer.score(gold, predict(texts, args.raw))))


if __name__ == "__main__":
    main()
