"""Bytes to text: Unicode BOMs, BOM-less UTF-16, UTF-8, the Russian single-byte code pages, others.

The order matters. BOMs, file signatures and the NUL pattern of UTF-16 are unambiguous and go
first; strict UTF-8 almost never accepts text in another encoding, so it comes next.
charset-normalizer is unreliable on short Russian texts between cp1251, koi8-r and mac-cyrillic,
so cp1251 and koi8-r are decided here by how Russian each decoding looks (common letter pairs,
share of lowercase letters); charset-normalizer only handles what is left. Anything that is not
plausibly text raises :class:`DecodeError`: garbage text would flow silently into every later
stage, an error is reported and the run goes on.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

__all__ = ["DecodeError", "decode_bytes", "looks_like_text", "russian_score", "sniff_utf16"]


class DecodeError(ValueError):
    """The bytes are binary or in no encoding we can identify."""


# Unicode BOMs, longest first (the UTF-32 LE BOM starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of binary formats that people save with a text extension by mistake; naming the
# format makes the error message actionable.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
)

# The single-byte Cyrillic code pages decided by Russian-likeness rather than by charset-normalizer.
# mac-cyrillic is left out on purpose: it shares cp1251's lowercase letters and maps cp1251's
# capitals to dashes and quotes, so on short texts it wins against genuine cp1251 ("—тороны"),
# and it is rare in news; its files decode as cp1251 with only capitals and "я" wrong.
_CYRILLIC_CODECS = ("cp1251", "koi8_r")

# The 60 most frequent letter pairs of Russian prose, counted on the factRuEval and NEREL dev texts
# in /work/shared/gold (268k letters): they cover 51 % of all letter pairs there, while a wrong
# code page turns the same bytes into rare pairs.
_BIGRAM_TEXT = (
    "ст ни ен на то ра ко ро ов но ре по пр ан го ер ос ор та ли ал од не во ва ол ле де он те "
    "ри ел ет ин ск ит ом ль ат ка ти ла от ес за ны ог да со ве ил ед тр об ме ло ар ки ав ис"
)
_COMMON_BIGRAMS = frozenset(_BIGRAM_TEXT.split())

_RUSSIAN = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")

# Non-ASCII characters that are normal in Russian text and not a sign of a wrong code page.
_TYPOGRAPHIC = frozenset("«»„“”‘’—–…№°€ \u00a0\u00ad")

_WORD = re.compile(r"[^\W\d_]+")

# Three Cyrillic letters in a row encoded in UTF-8 (D0/D1 lead bytes): a sure sign of UTF-8, since
# in cp1251 this is "Р"/"С" alternating with symbols and in koi8-r "п"/"я" with box drawing.
_UTF8_CYRILLIC_WORD = re.compile(rb"(?:[\xd0\xd1][\x80-\xbf]){3}")

# How much to look at when deciding: enough for a stable score, small enough for a 50 MB file.
_SAMPLE_BYTES = 64 * 1024

# Share of a decoded sample that must be letters, digits, whitespace, punctuation or symbols.
# Real text scores 1.0 (each of the 30 events_dev texts); random bytes decoded as cp1251 or koi8-r
# score about 0.90 because a tenth of the byte values are control characters or unassigned.
_MIN_TEXT_SHARE = 0.97


def decode_bytes(data: bytes) -> str:
    """Decode file contents to text, or raise :class:`DecodeError` when they are not text.

    Tries BOMs, BOM-less UTF-16 (NUL-byte pattern), strict UTF-8, then cp1251 / koi8-r by
    Russian-likeness, then charset-normalizer. A BOM is not part of the result.
    """
    if not data:
        return ""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], codec)
    for magic, name in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary content ({name}), not text")
    utf16 = sniff_utf16(data)
    if utf16:
        return _strict(data, utf16)
    if b"\x00" in data:
        raise DecodeError("binary content (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not _UTF8_CYRILLIC_WORD.search(data):
            return _decode_legacy(data)
        if exc.reason != "unexpected end of data":
            # UTF-8 Russian words with invalid bytes elsewhere: a damaged file or UTF-8 mixed with
            # a code page (concatenated exports). Read as cp1251 it was mojibake ("РњРѕСЃРєРІР°")
            # that flowed into every table; say so instead.
            raise DecodeError(f"invalid UTF-8 at byte {exc.start} in a UTF-8 text (damaged file or mixed "
                              "encodings)") from None
        # Cut in the middle of its last character (an interrupted download): all but that is text.
        text = data[: exc.start].decode("utf-8")
    _check_text(text)
    return text


def russian_score(text: str) -> float:
    """How much ``text`` looks like Russian: common letter pairs + lowercase share - odd characters.

    Used to choose among single-byte code pages; only differences between decodings of the same
    bytes matter, not the absolute value.
    """
    letters = [c for c in text if c in _RUSSIAN]
    if not letters:
        return 0.0
    lower = sum(1 for c in letters if c.islower()) / len(letters)
    pairs = [text[i : i + 2] for i in range(len(text) - 1) if text[i] in _RUSSIAN and text[i + 1] in _RUSSIAN]
    common = sum(1 for p in pairs if p.lower() in _COMMON_BIGRAMS) / len(pairs) if pairs else 0.0
    non_ascii = [c for c in text if ord(c) > 127]
    odd = sum(1 for c in non_ascii if c not in _RUSSIAN and c not in _TYPOGRAPHIC) / len(non_ascii)
    return common + lower - 2 * odd


def looks_like_text(text: str) -> bool:
    """True when ``text`` is mostly letters, digits, spaces and punctuation (no control garbage)."""
    if not text:
        return True
    good = 0
    for c in text:
        cat = unicodedata.category(c)
        # L letters, N digits, P punctuation, S symbols, Z spaces, M combining marks; Cf covers
        # soft hyphens and zero-width characters that the cleaner removes later.
        if cat[0] in "LNPSZM" or cat == "Cf" or c in "\n\r\t\f\v":
            good += 1
    return good / len(text) >= _MIN_TEXT_SHARE


def _strict(data: bytes, codec: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid {codec} text at byte {exc.start}") from None
    _check_text(text)
    return text


def _check_text(text: str) -> None:
    if "\x00" in text:
        raise DecodeError("binary content (NUL characters), not text")
    if not looks_like_text(text[: _SAMPLE_BYTES]):
        raise DecodeError("binary content (control characters), not text")


def sniff_utf16(data: bytes) -> str | None:
    """The UTF-16 codec of BOM-less ``data``, or None.

    In UTF-16 every character of the Basic Latin, Cyrillic and punctuation blocks has the high
    byte 0x00, 0x04 or 0x20, at odd offsets for little-endian and at even ones for big-endian;
    Russian text has spaces in ~15 % of characters, so NULs on one side only are a sure sign,
    and a high side made of 0x04/0x00 alone (a word without spaces, "Привет") is one too: no
    single-byte text repeats the control byte 0x04."""
    sample = data[: _SAMPLE_BYTES]
    if len(data) % 2 or len(sample) < 4:
        return None
    half = len(sample) // 2
    sides = (("utf-16-le", sample[1::2], sample[0::2]), ("utf-16-be", sample[0::2], sample[1::2]))
    for codec, high, low in sides:
        if low.count(0) / half > 0.01:
            continue
        if high.count(0) / half >= 0.05:
            return codec
        if sum(high.count(b) for b in (0x00, 0x04, 0x20)) / half >= 0.95 and high.count(4):
            return codec
    return None


def _decode_legacy(data: bytes) -> str:
    """Not UTF-8: a Russian single-byte code page when one reads as Russian, else charset-normalizer."""
    sample = data[: _SAMPLE_BYTES]
    best: tuple[float, str] | None = None
    for codec in _CYRILLIC_CODECS:
        try:
            decoded = sample.decode(codec)
        except UnicodeDecodeError:
            continue  # cp1251 leaves 0x98 undefined: a byte it cannot hold rules it out
        if _mostly_russian(decoded):
            score = russian_score(decoded)
            if best is None or score > best[0]:
                best = (score, codec)
    if best is not None:
        return _strict(data, best[1])
    match = charset_normalizer.from_bytes(data).best()
    if match is None or match.encoding in ("ascii", "utf_8"):
        raise DecodeError("unknown encoding (not UTF-8, UTF-16, cp1251 or koi8-r)")
    # Decode again, strictly: charset-normalizer hands out a lossy "best" even for random bytes.
    return _strict(data, match.encoding)


def _mostly_russian(text: str) -> bool:
    """The bytes are a Russian text, not Latin-1 or Polish that happens to decode: at least 70 %
    of the non-ASCII characters are Russian letters or typography, and Cyrillic letters do not sit
    inside Latin words ("Coopйration" is French é read as cp1251)."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return False
    russian = sum(1 for c in non_ascii if c in _RUSSIAN or c in _TYPOGRAPHIC)
    if russian / len(non_ascii) < 0.7:
        return False
    words = [w for w in _WORD.findall(text) if any(c in _RUSSIAN for c in w)]
    mixed = sum(1 for w in words if any("a" <= c <= "z" for c in w.lower()))
    # Real Russian has the odd mixed word (a Latin "C" typed in "Cиндзо"), not one in five.
    return not words or mixed / len(words) <= 0.2
