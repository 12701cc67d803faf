"""Well-known organisations and their countries; state bodies named without a country.

:class:`OrganisationIndex` maps an organisation name in any of its written forms ("ПАО «Газпром»",
"Госдеп", "НАК «Нафтогаз Украины»") to a :class:`KnownOrganisation` from
:mod:`pipeline.resolve.org_data`. :func:`dominant_country` gives the country an article is about,
which :mod:`pipeline.resolve.countries` uses for state bodies named without their country
("Минобороны", "правительство"): Russian news writes "МИД" for the Russian ministry in an article
about Russia and for the Japanese one in an article about Japan.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from pipeline.resolve import org_data
from pipeline.resolve.names import core_key, first_names_agree, name_key, same_surname, surname_stem

# The article's dominant country: the country of at least this share of its place mentions
# (countries, regions and cities), named at least DOMINANT_MIN times. Measured on
# ../shared/gold/events_dev.jsonl: shares from 0.3 to 0.6 give the same countries figure; of the
# state bodies it gave a country there, 6 are right, 1 unclear and 2 wrong (the Russian ministry of defence in
# an article about Syria, "ВВС" written for the BBC). 0.4 leaves out articles split between
# two countries.
DOMINANT_SHARE = 0.4
DOMINANT_MIN = 2


@dataclass(frozen=True)
class OfficeHolder:
    """A well-known national office holder (org_data.OFFICE_HOLDERS): full name and country."""

    name: str
    country: str


@dataclass(frozen=True)
class KnownOrganisation:
    """An organisation of the index: canonical name, country (None for multinational) and kind."""

    name: str
    country: str | None
    kind: str  # "organisation" or "international"


# The shortest known company name a subsidiary's name may be built on ("газпром" in
# "газпромсбыт"); shorter ones ("рж", "мтс") start too many words by chance.
MIN_PARENT_KEY = 5


class OrganisationIndex:
    """Name keys of every canonical name and alias -> :class:`KnownOrganisation`."""

    def __init__(self) -> None:
        self._by_key: dict[str, KnownOrganisation] = {}
        for country, entries in org_data.ORGANISATIONS.items():
            for name, aliases in entries.items():
                self._add(KnownOrganisation(name, country, "organisation"), aliases)
        for name, aliases in org_data.MULTINATIONAL.items():
            self._add(KnownOrganisation(name, None, "international"), aliases)
        self._state_bodies = frozenset(name_key(n) for n in org_data.STATE_BODIES if n.strip())
        # office holders: full name and alias keys -> people; surname stem -> people
        self._people: dict[str, list[OfficeHolder]] = defaultdict(list)
        self._by_surname: dict[str, list[tuple[str, str, OfficeHolder]]] = defaultdict(list)
        for country, people in org_data.OFFICE_HOLDERS.items():
            for entry in people:
                full, *short = entry.split("|")
                person = OfficeHolder(full, country)
                words = name_key(full).split()
                for name in (full, *short):
                    self._people[name_key(name)].append(person)
                self._by_surname[surname_stem(words[-1])].append((words[0], words[-1], person))

    def _add(self, org: KnownOrganisation, aliases: tuple[str, ...]) -> None:
        for name in (org.name, *aliases):
            for key in {core_key(name), name_key(name)}:
                self._by_key.setdefault(key, org)

    def keys(self) -> Mapping[str, KnownOrganisation]:
        """Every key of the index (for tests and inspection)."""
        return self._by_key

    def lookup(self, name: str) -> KnownOrganisation | None:
        """The known organisation ``name`` denotes, or None."""
        for key in (core_key(name), name_key(name)):
            org = self._by_key.get(key)
            if org is not None:
                return org
        return None

    def subsidiary_of(self, name: str) -> KnownOrganisation | None:
        """The known company whose name a subsidiary's name is built on, with a suffix after a hyphen
        ("Газпромсбыт-Украина", "Газпромэкспорт-Украина" -> Газпром): its country is the parent's,
        not the one in the suffix."""
        if "-" not in name:  # most names: no key to make
            return None
        head = name_key(name).split("-")[0].split(" ")[0]
        if len(head) < MIN_PARENT_KEY:
            return None
        for size in range(len(head), MIN_PARENT_KEY - 1, -1):
            org = self._by_key.get(head[:size])
            if org is not None and org.kind == "organisation" and " " not in org.name:
                return org
        return None

    def office_holders(self, name: str) -> list[OfficeHolder]:
        """The listed office holders a person's name can be: its full name or short form, the same
        surname (any case form) with an agreeing first name or initial, or a surname alone."""
        key = name_key(name)
        words = key.split()
        if not words:
            return []
        found = self._people.get(key)
        if found:
            return list(found)
        candidates = self._by_surname.get(surname_stem(words[-1]), [])
        return [person for first, surname, person in candidates if same_surname(words[-1], surname)
                and (len(words) == 1 or first_names_agree(words[0], first))]

    def person_country(self, name: str) -> str | None:
        """The country of a well-known office holder ("Сергей Лавров", "Лавров", "Си"), or None when
        the name is not listed or a surname alone fits people of different countries."""
        countries = {person.country for person in self.office_holders(name)}
        return countries.pop() if len(countries) == 1 else None

    def is_state_body(self, name: str) -> bool:
        """Whether ``name`` is a state body named without its country ("Минобороны", "Правительство")."""
        return core_key(name) in self._state_bodies or name_key(name) in self._state_bodies


@functools.lru_cache(maxsize=1)
def get_index() -> OrganisationIndex:
    """The process-wide index (built on first use, a few milliseconds)."""
    return OrganisationIndex()


def dominant_country(place_countries: Counter[str]) -> str | None:
    """The country most of an article's place mentions belong to (see DOMINANT_SHARE), or None."""
    if not place_countries:
        return None
    (country, n), total = place_countries.most_common(1)[0], sum(place_countries.values())
    return country if n >= DOMINANT_MIN and n >= DOMINANT_SHARE * total else None
