"""Deterministic content-hash identifiers.

The same input and version give the same IDs on every machine and run (the table contract):
every id is a truncated BLAKE2b of the fields that define the record, so reruns, resumed runs
and distributed runs agree without coordination. 16 hex characters (64 bits) keep the chance
of a collision below 1e-9 for ten million records.
"""

from __future__ import annotations

import hashlib

ID_HEX_CHARS = 16


def content_id(*parts: object) -> str:
    """A stable hex id of ``parts`` (joined with a separator that cannot occur in text)."""
    h = hashlib.blake2b(digest_size=ID_HEX_CHARS // 2)
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def doc_id(source_id: str, text: str) -> str:
    """The id of a document: its source id and its cleaned text."""
    return content_id("doc", source_id, text)


def mention_id(doc: str, start: int, stop: int, kind: str) -> str:
    """The id of a span-level record (entity mention, money, date...) in a document."""
    return content_id(kind, doc, start, stop)


def entity_id(type_: str, key: str) -> str:
    """The corpus-wide id of an entity from its type and canonical key."""
    return content_id("entity", type_, key)
