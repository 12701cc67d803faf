"""Score an output folder's events against a gold JSONL (the matching of ../shared/eval/event_score.py).

A predicted event matches a gold event when one of its evidence sentences overlaps one of the
gold mentions (share of the shorter text's stemmed tokens >= 0.6), one-to-one, best participant
agreement first. Reported: event P/R/F1, argument (participant) P/R/F1, and attribute accuracy
on matched events.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.tables import read_table

_WORD = re.compile(r"\w+")
# The scorer's constants: stems are 5-character prefixes, a match needs 60% token overlap,
# a participant name matches at Jaccard >= 0.5 of stems.
STEM_CHARS = 5
MIN_OVERLAP = 0.6
NAME_JACCARD = 0.5


def _tokens(s: Any) -> list[str]:
    if not isinstance(s, str):
        return []
    return [w.lower().replace("ё", "е") for w in _WORD.findall(s)]


def _stems(s: Any) -> set[str]:
    return {w[:STEM_CHARS] for w in _tokens(s)}


def overlap(a: str, b: str) -> float:
    """Share of the shorter text's stemmed tokens found in the other."""
    ta, tb = _stems(a), _stems(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def name_match(pred: str, gold: dict[str, Any]) -> bool:
    """Whether a predicted participant name matches a gold participant (its name or aliases)."""
    pn = _stems(pred)
    if not pn:
        return False
    for cand in [gold["name"], *(gold.get("aliases") or [])]:
        cn = _stems(cand)
        if cn and (pn == cn or len(pn & cn) / len(pn | cn) >= NAME_JACCARD):
            return True
    return False


def _participant_counts(names: Sequence[str], gold: Sequence[dict[str, Any]]) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for n in names:
        for i, g in enumerate(gold):
            if i not in used and name_match(n, g):
                used.add(i)
                tp += 1
                break
    return tp, len(names) - tp, len(gold) - tp


@dataclass
class Scores:
    """Counts and listings of one evaluation."""

    counts: Counter[str] = field(default_factory=Counter)
    attributes: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    lines: list[str] = field(default_factory=list)

    @staticmethod
    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        """Precision, recall and F1."""
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def event(self) -> tuple[float, float, float]:
        """Event precision, recall, F1."""
        c = self.counts
        return self.prf(c["tp"], c["fp"], c["fn"])

    @property
    def argument(self) -> tuple[float, float, float]:
        """Argument (participant) precision, recall, F1."""
        c = self.counts
        return self.prf(c["arg_tp"], c["arg_fp"], c["arg_fn"])

    def summary(self) -> str:
        """One line in the format of event_score.py."""
        e, a, c = self.event, self.argument, self.counts
        s = (f"event F1={e[2]:.3f} (P={e[0]:.3f} R={e[1]:.3f}, gold={c['tp'] + c['fn']} "
             f"pred={c['tp'] + c['fp']}); argument F1={a[2]:.3f} (P={a[0]:.3f} R={a[1]:.3f})")
        attrs = " ".join(f"{k}={v[0] / v[1]:.2f}/{v[1]}" for k, v in sorted(self.attributes.items()) if v[1])
        return f"{s}; {attrs}" if attrs else s


def load_predictions(output: Path) -> dict[str, list[dict[str, Any]]]:
    """Predicted events per gold document id (documents.source_id), with sentences, names, countries."""
    docs = read_table(output, "documents", ["doc_id", "source_id"]).to_pandas()
    events = read_table(output, "events").to_pandas()
    parts = read_table(output, "event_participants").to_pandas()
    ments = read_table(output, "event_mentions").to_pandas()
    source = dict(zip(docs["doc_id"], docs["source_id"], strict=True))
    sentences: dict[str, list[str]] = defaultdict(list)
    for eid, s in zip(ments["event_id"], ments["sentence"], strict=True):
        sentences[eid].append(s)
    names: dict[str, list[str]] = defaultdict(list)
    countries: dict[str, set[str]] = defaultdict(set)
    for r in parts.to_dict("records"):
        names[r["event_id"]].append(r["name"])
        if isinstance(r.get("country"), str) and r["country"]:
            countries[r["event_id"]].add(r["country"])
    pred: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in events.to_dict("records"):
        eid = r["event_id"]
        ss = sentences.get(eid) or [r.get("sentence")]
        pred[source.get(r["doc_id"], r["doc_id"])].append(
            dict(r, sentences=[s for s in ss if s], names=names[eid], countries=countries[eid]))
    return pred


def _score_attributes(scores: Scores, ge: dict[str, Any], pe: dict[str, Any]) -> None:
    attr = scores.attributes
    for k in ("type", "modality", "sector"):
        attr[k][0] += ge.get(k) == pe.get(k)
        attr[k][1] += 1
    if ge.get("place"):
        attr["place"][1] += 1
        attr["place"][0] += isinstance(pe.get("place"), str) and overlap(ge["place"], pe["place"]) >= 1.0
    if ge.get("date"):
        attr["date"][1] += 1
        pdate = str(pe.get("date"))[: len(ge["date"])] if _present(pe.get("date")) else ""
        attr["date"][0] += pdate == ge["date"]
    if ge.get("money"):
        attr["money"][1] += 1
        amt, cur = pe.get("amount"), pe.get("currency")
        attr["money"][0] += any(amt is not None and _present(amt)
                                and abs(float(amt) - m["amount"]) <= 0.01 * m["amount"]
                                and cur == m["currency"] for m in ge["money"])
    gold_countries = {p.get("country") for p in ge["participants"] if p.get("country")}
    if gold_countries:
        attr["countries"][1] += 1
        attr["countries"][0] += set(pe.get("countries") or []) == gold_countries


def _present(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return False
    return not (isinstance(value, float) and math.isnan(value))


def score(gold: Iterable[dict[str, Any]], pred: dict[str, list[dict[str, Any]]], verbose: bool = False) -> Scores:
    """Match predictions to gold events document by document and count."""
    scores = Scores()
    c = scores.counts
    for g in gold:
        did, gold_events, predicted = g["doc_id"], g["events"], pred.get(g["doc_id"], [])
        pairs = []
        for i, ge in enumerate(gold_events):
            for j, pe in enumerate(predicted):
                ov = max((overlap(m, s) for m in ge["mentions"] for s in pe["sentences"]), default=0.0)
                if ov >= MIN_OVERLAP:
                    tp, fp, fn = _participant_counts(pe["names"], ge["participants"])
                    pairs.append((tp - 0.5 * fp, ov, i, j, tp, fp, fn))
        pairs.sort(reverse=True)
        gi: set[int] = set()
        pj: set[int] = set()
        for _, _, i, j, tp, fp, fn in pairs:
            if i in gi or j in pj:
                continue
            gi.add(i)
            pj.add(j)
            c.update(tp=1, arg_tp=tp, arg_fp=fp, arg_fn=fn)
            _score_attributes(scores, gold_events[i], predicted[j])
            if verbose:
                scores.lines.append(f"MATCH {did} {gold_events[i]['type']} {predicted[j].get('type')} "
                                    f"{[p['name'] for p in gold_events[i]['participants']]} {predicted[j]['names']}")
        for i, ge in enumerate(gold_events):
            if i not in gi:
                c.update(fn=1, arg_fn=len(ge["participants"]))
                if verbose:
                    scores.lines.append(f"MISS  {did} {ge['type']} {ge['mentions'][0][:120]!r} "
                                        f"{[p['name'] for p in ge['participants']]}")
        for j, pe in enumerate(predicted):
            if j not in pj:
                c.update(fp=1, arg_fp=len(pe["names"]))
                if verbose:
                    first = (pe["sentences"] or [""])[0][:120]
                    scores.lines.append(f"EXTRA {did} {pe.get('type')} [{pe.get('trigger')}] {first!r} {pe['names']}")
    return scores


def evaluate(gold_path: Path, output: Path, verbose: bool = False) -> Scores:
    """Score ``output`` against the gold JSONL at ``gold_path``."""
    with open(gold_path, encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh if line.strip()]
    return score(gold, load_predictions(output), verbose=verbose)
