"""Which mentions of an article name one entity (union-find over the grouping rules).

Each rule has a parametrised test in tests/test_entities.py:
1. the same type and key is one entity: case forms (the NER stage gives nominatives), quotes,
   legal and organisational forms ("ПАО «Газпром»", "концерн «Антонов»" -> "газпром", "антонов");
2. gazetteer places and known organisations are one entity whatever their written form
   ("КНР"/"Китаем", "Госдеп"/"Государственный департамент США");
3. a place the gazetteer does not know whose key is another entity's name is that entity
   (NER read "Абэ" or "Пентагон" as a place);
4. an abbreviation joins its full name: "Full Name (ABBR)", or the one full name whose initials it
   spells ("АСИ", "МИД России" <- "Министерство иностранных дел России");
5. an organisation joins the one "<its name> <place>" of the article ("Нафтогаз" -> "Нафтогаз Украины");
6. glued mentions join the entity they start with or contain ("Валид Муаллем Лавров" -> "Валид
   Муаллем", "IMX АСИ" -> "АСИ");
7. a surname alone joins the one full name that ends with it, in any case form ("Нейбора" ->
   "Ральф Нейбор"), hyphenated surnames whole ("Черкес-заде"); full names with the same surname
   and agreeing first names or initials are one person;
8. names NER split in two are put together first ("Реджеп Тайип" + "Эрдоган", "Боснии" + "Герцеговине").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.resolve.geo import GeoResolver, Place
from pipeline.resolve.names import (
    abbreviation_keys,
    core_key,
    display_name,
    first_names_agree,
    is_abbreviation,
    name_key,
    same_surname,
)
from pipeline.resolve.organisations import KnownOrganisation, OrganisationIndex
from pipeline.types import AnnotatedDoc, EntityMention

# Chinese, Korean and Vietnamese names put the family name first and the news then writes it alone
# ("Си Цзиньпин" ... "Си"); such family names are short, Russian first names used alone are longer.
FAMILY_NAME_FIRST_MAX = 3


@dataclass
class Info:
    """One mention as the grouping sees it: resolved type, display name, key, what it resolved to."""

    type: str
    name: str
    key: str
    place: Place | None = None
    known: KnownOrganisation | None = None

    @property
    def unresolved_place(self) -> bool:
        """A LOC mention that is neither a gazetteer place nor a known organisation."""
        return self.type == "LOC" and self.place is None


class UnionFind:
    """Disjoint sets over mention indices; the root is the smallest index."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[int, list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            found[self.find(i)].append(i)
        return found


def mention_info(mention: EntityMention, geo: GeoResolver, orgs: OrganisationIndex) -> Info:
    """Resolve one mention against the gazetteer and the organisation index."""
    name = display_name(mention.normal) or display_name(mention.text) or mention.text
    if mention.type in ("LOC", "ORG"):
        place = geo.international(name) or geo.international(mention.text)
        if place is None and mention.type == "LOC":
            place = geo.lookup(name) or geo.lookup(mention.text)
        if place is not None:
            type_ = "ORG" if place.kind == "international" else "LOC"
            return Info(type_, place.name, "place:" + name_key(place.name), place=place)
        known = orgs.lookup(name) or orgs.lookup(mention.text)
        if known is not None:
            return Info("ORG", name, "org:" + core_key(known.name), known=known)
    key = core_key(name) if mention.type == "ORG" else name_key(name)
    return Info(mention.type, name, key)


def _case(doc: AnnotatedDoc, mention: EntityMention) -> str | None:
    tokens = [t for t in doc.sentences[mention.sent_id].tokens if mention.start <= t.start < mention.stop]
    return tokens[-1].feats.get("Case") if tokens else None


def mention_infos(doc: AnnotatedDoc, geo: GeoResolver, orgs: OrganisationIndex) -> list[Info]:
    """Each mention resolved, with names NER split in two put back together (rule 8): a person's
    name cut before the surname ("Реджеп Тайип" + "Эрдоган", same case, one space apart) and a
    country whose name joins two words with "и" ("Боснии" + "Герцеговине")."""
    infos = [mention_info(m, geo, orgs) for m in doc.mentions]
    mentions = doc.mentions
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if a.sent_id != b.sent_id or a.type != b.type or b.start < a.stop:
            continue
        gap = doc.text[a.stop : b.start]
        if a.type == "PER" and gap == " " and _case(doc, a) == _case(doc, b) \
                and len(infos[i].key.split()) + len(infos[i + 1].key.split()) <= 4:
            name = f"{infos[i].name} {infos[i + 1].name}"
            infos[i] = infos[i + 1] = Info("PER", name, name_key(name))
        elif a.type == "LOC" and gap == " и " and not (infos[i].place and infos[i + 1].place):
            place = geo.lookup(f"{infos[i].name} и {infos[i + 1].name}") or geo.lookup(doc.text[a.start : b.stop])
            if place is not None and place.kind == "country":
                infos[i] = infos[i + 1] = Info("LOC", place.name, "place:" + name_key(place.name), place=place)
    return infos


def _words(info: Info) -> list[str]:
    return info.key.split()


def _link_same_keys(infos: Sequence[Info], uf: UnionFind) -> None:
    first: dict[tuple[str, str], int] = {}
    for i, info in enumerate(infos):
        uf.union(first.setdefault((info.type, info.key), i), i)


def _link_unresolved_places(infos: Sequence[Info], uf: UnionFind) -> None:
    """Rule 3: an unknown place named like an organisation or a person of the article is it."""
    by_key: dict[str, set[int]] = defaultdict(set)
    for i, info in enumerate(infos):
        if info.type in ("ORG", "PER") and info.place is None:
            by_key[info.key].add(uf.find(i))
            words = _words(info)
            if info.type == "PER" and len(words) > 1:
                by_key[words[-1]].add(uf.find(i))
    for i, info in enumerate(infos):
        if info.unresolved_place:
            roots = {uf.find(r) for r in by_key.get(info.key, set())}
            if len(roots) == 1:
                uf.union(i, roots.pop())


def _link_abbreviations(doc: AnnotatedDoc, infos: Sequence[Info], uf: UnionFind) -> None:
    """Rule 4: "Full Name (ABBR)" and acronyms spelling a full name's initials."""
    mentions = doc.mentions
    orgs = [i for i, info in enumerate(infos) if info.type == "ORG" and info.place is None]
    full_by_abbreviation: dict[str, set[int]] = defaultdict(set)
    for i in orgs:
        if len(_words(infos[i])) > 1 and not is_abbreviation(infos[i].name.split()[0]):
            for key in abbreviation_keys(infos[i].name):
                full_by_abbreviation[key].add(i)
    for i in orgs:
        first_word = infos[i].name.split()[0] if infos[i].name.split() else ""
        if not is_abbreviation(first_word):
            continue
        prev = i - 1
        if (is_abbreviation(infos[i].name) and prev >= 0 and infos[prev].type == "ORG"
                and len(_words(infos[prev])) > 1
                and doc.text[mentions[prev].stop : mentions[i].start].strip() == "("):
            # the text spells the abbreviation out, known or not: "Либерально-демократической
            # партии (ЛДП)" is the known ЛДП
            uf.union(prev, i)
            continue
        if infos[i].known is not None:
            continue
        key = name_key(infos[i].name)
        candidates = {key, key.replace(" ", "").replace("-", "")}
        roots = {uf.find(g) for c in candidates for g in full_by_abbreviation.get(c, set())}
        if len(roots) == 1:
            uf.union(i, roots.pop())


def _link_place_qualified(geo: GeoResolver, infos: Sequence[Info], uf: UnionFind) -> None:
    """Rule 5: "Нафтогаз" joins the one "Нафтогаз Украины" of the article."""
    longer: dict[str, set[int]] = defaultdict(set)
    for i, info in enumerate(infos):
        words = _words(info)
        if info.type != "ORG" or info.place is not None or len(words) < 2:
            continue
        for k in (1, 2):
            tail = info.name.split()[-k:]
            if len(words) > k and geo.lookup(" ".join(tail)) is not None:
                longer[" ".join(words[:-k])].add(uf.find(i))
    for i, info in enumerate(infos):
        if info.type == "ORG" and info.place is None and info.known is None:
            roots = {uf.find(r) for r in longer.get(info.key, set())}
            if len(roots) == 1:
                uf.union(i, roots.pop())


def _two_surnames(words: list[str], full_names: list[list[str]]) -> bool:
    """Whether a two-word name starts with another person's surname that no one has as a first name."""
    others = [f for f in full_names if f != words]
    return (any(same_surname(words[0], f[-1]) for f in others)
            and not any(f[0] == words[0] for f in others))


def _link_glued(infos: Sequence[Info], uf: UnionFind, orgs: OrganisationIndex) -> set[int]:
    """Rule 6: a span NER glued from two names joins the one it is made of; returns the glued people."""
    glued: set[int] = set()
    keys: dict[tuple[str, str], set[int]] = defaultdict(set)
    surnames: set[str] = set()
    for i, info in enumerate(infos):
        keys[(info.type, info.key)].add(uf.find(i))
        if info.type == "PER" and len(_words(info)) > 1:
            surnames.add(_words(info)[-1])
        if info.type == "ORG" and info.place is None and len(_words(info)) > 1:
            for key in abbreviation_keys(info.name):  # "АСИ" of "Агентство стратегических инициатив"
                keys[("ORG", key)].add(uf.find(i))
    full_names = [_words(info) for info in infos if info.type == "PER" and len(_words(info)) > 1]
    for i, info in enumerate(infos):
        words = _words(info)
        if info.type == "PER" and len(words) == 2 and _two_surnames(words, full_names):
            glued.add(i)  # "У Хинна Мунтян позаимствовал": two people's surnames side by side
        elif info.type == "PER" and len(words) == 3 and words[-1] in surnames:
            roots = {uf.find(r) for r in keys.get(("PER", " ".join(words[:2])), set())}
            if len(roots) == 1:  # "Валид Муаллем Лавров": Муаллем, then Лавров
                uf.union(i, roots.pop())
                glued.add(i)
        elif (info.type == "ORG" and info.known is None and 1 < len(words) <= 3
              and all(is_abbreviation(w) for w in info.name.split())):
            known = [orgs.lookup(w) for w in info.name.split()]
            candidates = [name_key(w) for w in info.name.split()]
            candidates += ["org:" + core_key(k.name) for k in known if k is not None]
            roots = {uf.find(r) for c in candidates for r in keys.get(("ORG", c), set()) if uf.find(r) != uf.find(i)}
            if len(roots) == 1:  # "IMX АСИ": a festival's name before the agency's
                uf.union(i, roots.pop())
    return glued


def _link_surnames(infos: Sequence[Info], uf: UnionFind, glued: set[int]) -> None:
    """Rule 7: surnames alone and full names of one person."""
    people = [i for i, info in enumerate(infos) if info.type == "PER" and _words(info)]
    full = [i for i in people if len(_words(infos[i])) > 1 and i not in glued]
    for a in full:
        for b in full:
            wa, wb = _words(infos[a]), _words(infos[b])
            if a < b and same_surname(wa[-1], wb[-1]) and first_names_agree(wa[0], wb[0]):
                uf.union(a, b)
    alone = [i for i in people if len(_words(infos[i])) == 1]
    for a in alone:  # "Нейбор" and "Нейбора" with no full name in the article
        for b in alone:
            if a < b and same_surname(_words(infos[a])[0], _words(infos[b])[0]):
                uf.union(a, b)
    for i in people:
        words = _words(infos[i])
        if len(words) != 1:
            continue
        roots = {uf.find(j) for j in full if same_surname(words[0], _words(infos[j])[-1])}
        if not roots and len(words[0]) <= FAMILY_NAME_FIRST_MAX:  # "Си" of "Си Цзиньпин"
            roots = {uf.find(j) for j in full if _words(infos[j])[0] == words[0]}
        if len(roots) == 1:
            uf.union(i, roots.pop())


def group_mentions(doc: AnnotatedDoc, infos: Sequence[Info], geo: GeoResolver,
                   orgs: OrganisationIndex) -> list[list[int]]:
    """The mention indices of each entity of ``doc``, in order of first mention."""
    uf = UnionFind(len(infos))
    _link_same_keys(infos, uf)
    _link_abbreviations(doc, infos, uf)
    _link_place_qualified(geo, infos, uf)
    glued = _link_glued(infos, uf, orgs)
    _link_surnames(infos, uf, glued)
    _link_unresolved_places(infos, uf)
    return sorted(uf.groups().values(), key=lambda members: members[0])


def group_type(infos: Sequence[Info], members: Sequence[int]) -> str:
    """The entity's type: what its resolved mentions say, most often (ORG before PER before LOC)."""
    counts = Counter(infos[i].type for i in members if not infos[i].unresolved_place)
    if not counts:
        return "LOC"
    return max(counts, key=lambda t: (counts[t], {"ORG": 2, "PER": 1}.get(t, 0)))


def _repair_surname(infos: Sequence[Info], members: Sequence[int], name: str) -> str:
    """A full name whose surname the nominative guess left inflected takes the shortest case form
    of that surname in the group ("Бенни Хинна" with "Хинн" -> "Бенни Хинн")."""
    words = name.split()
    forms = [w for i in members for w in infos[i].name.split()[-1:]
             if same_surname(name_key(w), name_key(words[-1]))]
    shortest = min(forms, key=lambda w: (len(w), w), default=words[-1])
    return " ".join([*words[:-1], shortest]) if len(shortest) < len(words[-1]) else name


def canonical_name(infos: Sequence[Info], members: Sequence[int], orgs: OrganisationIndex | None = None) -> str:
    """The fullest nominative form: a place's own name; else most words, then most frequent, then
    (people) the shortest case form or (others) the longest. A person's full name that is a listed
    office holder's (org_data.OFFICE_HOLDERS) takes the listed spelling ("Барак Обамы" -> "Барак Обама")."""
    for i in members:
        if infos[i].place is not None:
            return infos[i].name
    type_ = group_type(infos, members)
    names = [infos[i].name for i in members if infos[i].type == type_] or [infos[i].name for i in members]
    full = [n for n in names if not is_abbreviation(n.split()[0] if n.split() else n)] or names
    sign = -1 if type_ == "PER" else 1
    best = max(full, key=lambda n: (len(n.split()), names.count(n), sign * len(n), n))
    if type_ != "PER" or len(best.split()) < 2:
        return best
    holders = orgs.office_holders(best) if orgs is not None else []
    return holders[0].name if len(holders) == 1 else _repair_surname(infos, members, best)
