"""Run Natasha and yargy on pymorphy3.

natasha 1.6 and yargy 0.16 import ``pymorphy2``, which is unmaintained and fails on current
Pythons (``inspect.getargspec`` is gone). pymorphy3 is its maintained fork with the same API and,
on Natasha's workload, the same analyses. Importing this module before natasha or yargy makes
``import pymorphy2`` resolve to pymorphy3. ``pipeline/__init__.py`` imports it first, so every
module of the package can import natasha and yargy in any order.
"""

from __future__ import annotations

import sys
import unicodedata

import pymorphy3
import pymorphy3.analyzer
import pymorphy3.shapes
import pymorphy3.tagset
import pymorphy3.units
import pymorphy3.units.base

# Submodules are aliased too: natasha does ``from pymorphy2.analyzer import Parse``.
for _name, _module in {
    "pymorphy2": pymorphy3,
    "pymorphy2.analyzer": pymorphy3.analyzer,
    "pymorphy2.shapes": pymorphy3.shapes,
    "pymorphy2.tagset": pymorphy3.tagset,
    "pymorphy2.units": pymorphy3.units,
    "pymorphy2.units.base": pymorphy3.units.base,
}.items():
    sys.modules.setdefault(_name, _module)


def _is_latin_char(char: str) -> bool:
    """pymorphy3's ``shapes.is_latin_char`` without its crash on letters Python cannot name.

    The original calls ``unicodedata.name(char)`` without a default, which raises ValueError on
    letters such as Tangut (U+17000-U+18D08): one such letter in a word made every morphological
    analysis of it fail (lemmas, nominatives, place lookup, yargy grammars), and its article
    became a 'process' error. A letter without a name is not Latin.
    """
    cache = pymorphy3.shapes._latin_letters_cache
    try:
        return bool(cache[char])
    except KeyError:
        return bool(cache.setdefault(char, "LATIN" in unicodedata.name(char, "")))


pymorphy3.shapes.is_latin_char = _is_latin_char
