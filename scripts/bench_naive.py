"""The naive Natasha baseline of ``make bench``: the Doc pipeline of Natasha's README, one document at a time.

Usage: python scripts/bench_naive.py CORPUS.jsonl [--limit N]

Per document, exactly what Natasha's README shows: ``Doc(text)``, ``segment``, ``tag_morph``,
``parse_syntax``, ``tag_ner``, ``span.normalize`` for every span, ``span.extract_fact(names)``
for PER spans, then ``DatesExtractor`` and ``MoneyExtractor`` over the full text. (The README's
per-token ``lemmatize`` is not in the issue's definition of the baseline and is left out, which
makes the baseline faster, not slower.)

Run it with one thread (``OMP_NUM_THREADS=1`` etc.; scripts/bench.py does). Models are loaded
before the clock starts. Prints one JSON object on stdout: ``docs``, ``seconds`` (wall time of the
documents only), ``cpu_seconds`` (this process's CPU time over the same span), ``load_seconds``,
``spans`` and ``facts`` (a check that the work was done).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# natasha 1.6 imports pymorphy2: the package aliases it to pymorphy3 on import (pipeline.natasha_compat).
import pipeline.natasha_compat  # noqa: E402, F401, I001

from natasha import (  # noqa: E402
    PER,
    DatesExtractor,
    Doc,
    MoneyExtractor,
    MorphVocab,
    NamesExtractor,
    NewsEmbedding,
    NewsMorphTagger,
    NewsNERTagger,
    NewsSyntaxParser,
    Segmenter,
)


def read_texts(path: Path, limit: int | None) -> list[str]:
    """The ``text`` field of every line of a JSONL corpus."""
    texts: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if limit is not None and len(texts) >= limit:
                break
    return texts


def main(argv: list[str] | None = None) -> int:
    """Load the models, run the README pipeline over every text, print the timing as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="JSONL file with a 'text' field per line")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    args = parser.parse_args(argv)
    texts = read_texts(args.corpus, args.limit)

    t_load = time.perf_counter()
    segmenter = Segmenter()
    morph_vocab = MorphVocab()
    emb = NewsEmbedding()
    morph_tagger = NewsMorphTagger(emb)
    syntax_parser = NewsSyntaxParser(emb)
    ner_tagger = NewsNERTagger(emb)
    names_extractor = NamesExtractor(morph_vocab)
    dates_extractor = DatesExtractor(morph_vocab)
    money_extractor = MoneyExtractor(morph_vocab)
    load_seconds = time.perf_counter() - t_load

    n_spans = n_facts = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph_tagger)
        doc.parse_syntax(syntax_parser)
        doc.tag_ner(ner_tagger)
        for span in doc.spans:
            span.normalize(morph_vocab)
        for span in doc.spans:
            if span.type == PER:
                span.extract_fact(names_extractor)
        n_facts += len(list(dates_extractor(text))) + len(list(money_extractor(text)))
        n_spans += len(doc.spans)
    seconds, cpu_seconds = time.perf_counter() - wall0, time.process_time() - cpu0

    print(json.dumps({"docs": len(texts), "seconds": seconds, "cpu_seconds": cpu_seconds,
                      "load_seconds": load_seconds, "spans": n_spans, "facts": n_facts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
