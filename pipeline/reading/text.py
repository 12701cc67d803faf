"""Plain-text (.txt) and Markdown (.md) articles.

Both are decoded (:mod:`.decode`) and cleaned (:mod:`.clean`, which finds the headline and the
agency header). Markdown is first reduced to its text: front matter gives metadata, headings
become their own paragraphs, links keep their words, emphasis and image markup go.
"""

from __future__ import annotations

import datetime as dt
import re

from pipeline.types import Article, ReadError

from .clean import clean_text
from .decode import DecodeError, decode_bytes
from .headers import parse_date

__all__ = ["markdown_to_text", "read_text"]


def read_text(
    data: bytes, *, path: str, source_id: str, markdown: bool, today: dt.date
) -> Article | ReadError:
    """Turn the bytes of a .txt or .md file into an :class:`Article` (or say why not)."""
    if not data.strip():
        return ReadError(path, source_id, "read", "empty file")
    try:
        raw = decode_bytes(data)
    except DecodeError as exc:
        return ReadError(path, source_id, "decode", str(exc))
    meta: dict[str, str] = {}
    if markdown:
        meta, raw = markdown_to_text(raw)
    cleaned = clean_text(raw, title=meta.get("title"), today=today)
    if not cleaned.text:
        return ReadError(path, source_id, "parse", "no article text")
    published = parse_date(meta["date"], today) if meta.get("date") else None
    return Article(
        source_id=source_id,
        path=path,
        text=cleaned.text,
        title=cleaned.title,
        published=published or cleaned.published,
        url=meta.get("url") or None,
        source=meta.get("source") or cleaned.source,
    )


# Front matter keys and the metadata they give.
_FRONT_KEYS = {
    "title": "title", "headline": "title", "date": "date", "published": "date", "pub_date": "date",
    "source": "source", "site": "source", "url": "url", "link": "url",
}  # fmt: skip
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_SETEXT_RULE = re.compile(r"^[ \t]{0,3}(?:=+|-{2,})[ \t]*$", re.MULTILINE)
_RULE = re.compile(r"^[ \t]{0,3}(?:\*[ \t]*){3,}$|^[ \t]{0,3}(?:_[ \t]*){3,}$", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_LINK_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"
)
_CODE = re.compile(r"`([^`\n]+)`")
_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~).*$", re.MULTILINE)
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_PARKED = 0xF0000
_UNPARK = re.compile("[\U000F0000-\U000F007F]")


def markdown_to_text(source: str) -> tuple[dict[str, str], str]:
    """Split Markdown into front-matter metadata and plain text.

    Headings are set apart by blank lines so that the first one is taken as the headline; the
    rest of the markup is removed without touching the words."""
    meta: dict[str, str] = {}
    m = _FRONT_MATTER.match(source.lstrip("\ufeff"))
    if m:
        meta = _front_matter(m["body"])
        source = source.lstrip("\ufeff")[m.end() :]
    # Escaped markup characters ("\\*") are parked in a private-use plane so that no rule sees them.
    text = _ESCAPE.sub(lambda e: chr(_PARKED + ord(e.group(1))), source)
    text = _COMMENT.sub("", text)
    text = _FENCE.sub("", text)
    text = _LINK_DEF.sub("", text)
    text = _RULE.sub("", text)
    text = _ATX_HEADING.sub(lambda h: f"\n{h.group(1)}\n", text)
    text = _SETEXT_RULE.sub("", text)
    text = _QUOTE.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda e: e.group(1) or e.group(2), text)
    text = _CODE.sub(r"\1", text)
    return meta, _UNPARK.sub(lambda p: chr(ord(p.group()) - _PARKED), text)


def _front_matter(body: str) -> dict[str, str]:
    """Simple ``key: value`` front matter (the YAML subset that article exports use)."""
    meta: dict[str, str] = {}
    for line in body.split("\n"):
        key, sep, value = line.partition(":")
        target = _FRONT_KEYS.get(key.strip().lower())
        if sep and target and target not in meta:
            meta[target] = value.strip().strip("\"'")
    return meta
