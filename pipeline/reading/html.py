"""HTML pages (.html/.htm) and HTML record texts: the main text and metadata via trafilatura.

trafilatura finds the article body (navigation, related links, comments and footers left out)
and reads title, publication date, canonical URL and site name from the meta tags. It is given
the markup as a string, so it never fetches anything. Its text still goes through
:mod:`.clean`, which removes the furniture that sits inside article bodies.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

import trafilatura

from pipeline.types import Article, ReadError

from .clean import clean_text
from .decode import DecodeError, decode_bytes, russian_score
from .headers import parse_date

__all__ = ["HtmlContent", "decode_html", "extract_html", "looks_like_html", "read_html"]

# trafilatura logs a warning of its own for every page without text ("discarding data: None"),
# naming no file; the page is already an errors row with its path and a one-line reason.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

# A declared charset in the first 2 KB: <meta charset="..."> or the http-equiv Content-Type form.
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*|!--|!doctype)[\s>/]", re.IGNORECASE)
_DOCUMENT = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
# How much of a page decides between its declared charset and the detected one, and by how much
# detection must read as more Russian (see decode.russian_score: mojibake scores far lower).
_SCORE_CHARS = 64 * 1024
_SCORE_MARGIN = 0.25


@dataclass(frozen=True)
class HtmlContent:
    """What trafilatura found in a page: raw main text (lines) and metadata."""

    text: str
    title: str | None
    published: dt.date | None
    url: str | None
    source: str | None


def looks_like_html(text: str) -> bool:
    """True for markup: starts with '<' and has tags (a record's text that is a page or fragment)."""
    head = text.lstrip()[:2000]
    return head.startswith("<") and _TAG.search(head) is not None


def decode_html(data: bytes) -> str:
    """Decode a page by its declared charset when that works and reads as well as detection does,
    else like any text file."""
    m = _DECLARED.search(data[:2048])
    if m:
        try:
            declared = data.decode(m.group(1).decode("ascii").lower().replace("windows-", "cp"))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
        else:
            # Declarations are often wrong (templates copied between sites, pages recoded by a
            # server): a single-byte code page decodes any bytes, so a UTF-8 or koi8-r page declared
            # windows-1251 came out as mojibake ("Р РѕСЃСЃРёСЏ"). Detection wins when it reads as
            # clearly more Russian.
            try:
                detected = decode_bytes(data)
            except DecodeError:
                return declared
            sample = slice(0, _SCORE_CHARS)
            if detected != declared and (
                russian_score(detected[sample]) > russian_score(declared[sample]) + _SCORE_MARGIN):
                return detected
            return declared
    return decode_bytes(data)


def extract_html(markup: str, *, today: dt.date) -> HtmlContent | None:
    """The main text and metadata of a page or fragment; None when it has no article text."""
    if not _DOCUMENT.search(markup[:4096]):
        # lxml turns a lone fragment ("<p>…</p>") into an element trafilatura cannot walk.
        markup = f"<html><body>{markup}</body></html>"
    try:
        doc = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            # Menus and footers never hold article text; without them trafilatura's fallback
            # extractors cannot return a bare menu for a page that has no article.
            prune_xpath=["//nav", "//footer"],
            # The first publication, not the last update; no guessing from dates in the body.
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,
                "max_date": today.isoformat(),
            },
        )
    except (ValueError, TypeError, AttributeError):  # lxml rejects some inputs outright
        return None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return None
    date = getattr(doc, "date", None)
    return HtmlContent(
        text=text,
        title=getattr(doc, "title", None) or None,
        published=parse_date(date, today) if date else None,
        url=getattr(doc, "url", None) or None,
        source=getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or None,
    )


def read_html(data: bytes, *, path: str, source_id: str, today: dt.date) -> Article | ReadError:
    """Turn the bytes of an .html/.htm file into an :class:`Article` (or say why not)."""
    if not data.strip():
        return ReadError(path, source_id, "read", "empty file")
    try:
        markup = decode_html(data)
    except DecodeError as exc:
        return ReadError(path, source_id, "decode", str(exc))
    content = extract_html(markup, today=today)
    if content is None:
        return ReadError(path, source_id, "parse", "no article text")
    cleaned = clean_text(content.text, title=content.title, today=today)
    if not cleaned.text:
        return ReadError(path, source_id, "parse", "no article text")
    return Article(
        source_id=source_id,
        path=path,
        text=cleaned.text,
        title=cleaned.title,
        published=content.published or cleaned.published,
        url=content.url,
        source=content.source or cleaned.source,
    )
