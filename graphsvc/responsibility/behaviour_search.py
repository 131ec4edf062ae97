"""Search the behaviour, not just the title: which matters a description in everyday words is about.

Each matter is indexed by its name, description, subjects, domain, subject types and the text of every
article it cites (the law's own words for the prohibited behaviour), cut into words by graphsvc/segment.py
and kept in the `matter_words` full-text index (whitespace analyzer). A description is cut the same way,
its colloquial words are expanded through the thesaurus (煤气罐 → 瓶装燃气), and Neo4j ranks the matters.
How much of the description a matter explains (`coverage`) weighs each word by how rare it is among the
matters (a word every matter uses says little), so the decision rule can tell a real match from a weak one.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from pydantic import BaseModel

from graphsvc import fulltext, segment
from graphsvc.cypher import query
from graphsvc.db import Reader, Runner

DOCUMENTS = query("search/list_matter_documents")
SET_WORDS = query("search/set_matter_search_words")
SET_INDEX = query("search/set_search_index")
GET_INDEX = query("search/get_search_index")
GET_VOCABULARY = query("search/get_search_vocabulary")
VOCABULARY = query("search/list_search_vocabulary")
INDEXED_WORDS = query("search/list_matter_search_words")
SYNONYMS = query("search/list_synonyms")
DOMAINS = query("search/list_domains")
BY_WORDS_BATCH = query("search/find_matters_by_words_batch")

# Neo4j ranks RERANKED times as many matters as are reported (at most RANKED, and never fewer than asked); they are
# then ordered by how much of the description they explain (Lucene's score, which grows with every repetition of a
# common word, only breaks ties). A clause reports 4, so 16 are ranked: its few candidates only show agreement.
RANKED = 25
RERANKED = 4

# How much the thesaurus's domains weigh in the rank: a description whose every colloquial term the thesaurus
# puts in one domain adds about one rare word's weight to that domain's matters.
DOMAIN_VOTE = 4.0

# A word met only in the text of a cited article explains less than one of the matter's own name: an article
# lists many behaviours, the matter names one.
ARTICLE_ONLY = 0.7

# A word that stands for a thesaurus term only through the name of its domain (餐饮服务 for 老鼠) says which field
# the description is in, not what happened there: it explains little, or every matter of the field would explain
# 老鼠 as well as the one about 防鼠.
DOMAIN_WORD = 0.3

# A piece of a word (自动 of 自动扶梯, 特种 of 特种设备) met without the word itself is a weaker match: 自动扶梯 is
# not 自动消防系统.
PIECE = 0.5

# An everyday word (segment.everyday) that no matter's name uses weighs this share of its rarity among the matters.
EVERYDAY_WORD = 0.5

# A word only the plain-word descriptions of matters use (老板, 别人, 封条) weighs this share of its rarity: it helps
# find the matter, but a description that says it has not said much.
PLAIN_WORD = 0.3

# A word no matter uses cannot be explained by any: it weighs little (a stray colloquial word such as 老板 or
# 三个月 must not sink a description whose core the catalogue explains), but not nothing (a description made
# only of such words is one the catalogue does not know).
UNKNOWN_WORD_WEIGHT = 0.3

# A thesaurus term may name parts a speaker puts other words between: 欠…工资 is 欠我们服务员两个月的工资. The
# parts match in order within one clause, each gap at most GAP_CHARS long.
GAP = "…"
GAP_CHARS = 12
_IN_CLAUSE = rf"[^，。；;！!？?\n]{{0,{GAP_CHARS}}}?"


class RefreshReport(BaseModel):
    matters: int
    vocabulary: int
    stamp: str


class Concept(BaseModel):
    """One thing the description says: a word, or a thesaurus term with the statutory words it stands for
    (and the name of the domain the thesaurus puts it in)."""

    surface: str
    words: list[str]
    synonym_of: list[str] = []
    domains: list[str] = []  # the domain ids the thesaurus puts the term in
    domain_names: list[str] = []  # and their names
    broad: list[str] = []  # the words that come only from those names: they place it in a field, no more
    pieces: list[str] = []  # words only inside its words (自动 in 自动扶梯): each says less than the whole


class Hit(BaseModel):
    id: str
    name: str
    domain_id: str | None
    domain: str | None
    score: float  # the rank: explained weight, plus Lucene's score relative to the best (0..1) to break ties
    coverage: float  # share of the description's weight the matter explains (0..1)
    explained_weight: float  # the same, absolute: how much of substance it explains
    explained: list[str]  # the concepts of the description this matter explains
    unexplained: int = 0  # how many concepts of the description it leaves unexplained


class Query(BaseModel):
    text: str
    concepts: list[Concept]
    lucene: str


def refresh(runner: Runner, actor: str, ids: list[str] | None = None) -> RefreshReport:
    """Re-derives the indexed words of the matters (all of them, or `ids`) and the stamp. Idempotent: the words
    and the stamp are functions of the graph. The reference, law-text and form loaders call it after writing."""
    vocabulary = sorted(runner.read(VOCABULARY)[0]["words"])
    entries = runner.read(SYNONYMS, contains=None)
    _teach(vocabulary, entries)
    rows = []
    for doc in runner.read(DOCUMENTS, ids=ids):
        # a description in plain words helps a matter be found, but its everyday words are not what it is about
        title = [doc["name"], doc["subjects_text"], *doc["subject_types"]]
        parts = [*title, doc["description"], doc["domain"], *doc["articles"]]
        rows.append(
            {
                "id": doc["id"],
                "words": " ".join(segment.words(" ".join(p for p in parts if p))),
                "title": " ".join(dict.fromkeys(segment.words(" ".join(p for p in title if p)))),
            }
        )
    for start in range(0, len(rows), 2000):
        runner.write(SET_WORDS, rows=rows[start : start + 2000])
    indexed = runner.read(INDEXED_WORDS)
    documents = len(indexed)
    # The stamp is a digest of what searches depend on: a refresh that changes nothing leaves it as it was.
    digest = hashlib.sha256(json.dumps(vocabulary, ensure_ascii=False).encode())
    for doc in indexed:
        digest.update(f"{doc['id']}\t{doc['words']}\n".encode())
    for entry in entries:
        digest.update(f"{entry['term']}\t{entry['statutory_term']}\t{entry['domain']}\n".encode())
    stamp = digest.hexdigest()[:32]
    runner.write(SET_INDEX, stamp=stamp, vocabulary=vocabulary, documents=documents, actor=actor)
    return RefreshReport(matters=len(rows), vocabulary=len(vocabulary), stamp=stamp)


def _teach(vocabulary: list[str], entries: list[dict[str, str]]) -> None:
    """Teaches the segmenter the same words whether a refresh indexes the matters or a search cuts a description (the
    parts of a thesaurus term with gaps among them): otherwise the index and the queries, or two refreshes in one
    process, could cut the same text differently."""
    segment.teach(vocabulary)
    segment.teach([w for e in entries for w in (*e["term"].split(GAP), e["statutory_term"])])


@dataclass(frozen=True)
class _Document:
    """What a search measures and reports of a matter, cached per stamp: its words and its name's words."""

    name: str
    domain_id: str | None
    domain: str | None
    words: frozenset[str]
    title: frozenset[str]


@dataclass
class _State:
    stamp: str | None = None
    # term → (statutory terms, domain ids), longest term first
    synonyms: list[tuple[str, list[str], list[str]]] = field(default_factory=list)
    # the part of each term a description must contain for it to occur (the first part of a term with gaps), and the
    # terms by the first character of that part: a description is checked only for the terms its characters start
    firsts: list[str] = field(default_factory=list)
    by_char: dict[str, list[int]] = field(default_factory=dict)
    domain_names: dict[str, str] = field(default_factory=dict)
    df: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    docs: dict[str, _Document] = field(default_factory=dict)
    plain: frozenset[str] = frozenset()  # the words only a matter's description in plain words uses (老板, 大家)
    everyday: frozenset[str] = frozenset()  # indexed everyday words (segment.everyday) that no matter's name uses
    rarity: dict[str, float] = field(default_factory=dict)  # idf of every indexed word, computed once per stamp


_state = _State()
_state_lock = threading.Lock()


def _current(reader: Reader) -> _State:
    """The thesaurus and word weights of the current stamp; reloaded when a refresh or a new synonym moved it."""
    global _state
    rows = reader.read(GET_INDEX)
    stamp = rows[0]["stamp"] if rows else None
    if stamp == _state.stamp and stamp is not None:
        return _state
    with _state_lock:
        if _state.stamp == stamp and stamp is not None:  # another request loaded it while this one waited
            return _state
        entries = reader.read(SYNONYMS, contains=None)
        _teach([w for row in reader.read(GET_VOCABULARY) for w in row["vocabulary"]], entries)
        names = {d["id"]: d["name"] for d in reader.read(DOMAINS)}
        ids = {name: key for key, name in names.items()}
        grouped: dict[str, tuple[list[str], list[str]]] = {}
        for e in entries:
            statutory, domains = grouped.setdefault(e["term"], ([], []))
            statutory.append(e["statutory_term"])
            domain = e["domain"] if e["domain"] in names else ids.get(e["domain"] or "")
            if domain and domain not in domains:
                domains.append(domain)
        synonyms = [(term.lower(), statutory, domains) for term, (statutory, domains) in grouped.items()]
        df: Counter[str] = Counter()
        docs: dict[str, _Document] = {}
        formal: set[str] = set()  # words of a name, subjects, domain or article (more often than its description)
        for doc in reader.read(INDEXED_WORDS):
            described = Counter(segment.words(doc["description"] or ""))
            formal.update(w for w, n in Counter(doc["words"].split()).items() if n > described[w])
            words = frozenset(doc["words"].split())
            df.update(words)
            title = frozenset((doc["title"] or "").split())
            docs[doc["id"]] = _Document(doc["name"], doc["domain_id"], doc["domain"], words, title)
        titles = frozenset().union(*(d.title for d in docs.values()))
        everyday = frozenset(w for w in df if w not in titles and segment.everyday(w))
        synonyms.sort(key=lambda p: -len(p[0]))
        firsts = [term.split(GAP, 1)[0] for term, _, _ in synonyms]
        by_char: dict[str, list[int]] = {}
        for i, first in enumerate(firsts):
            by_char.setdefault(first[:1], []).append(i)
        plain = frozenset(df) - formal
        _state = _State(stamp, synonyms, firsts, by_char, names, df, len(docs), docs, plain, everyday)
        _state.rarity = {w: _rarity(_state, w) for w in df}
        return _state


def prepare(runner: Reader) -> None:
    """Loads the thesaurus, the word weights and the segmenter's dictionary the first time, each read in a short
    transaction of its own: seconds of teaching jieba must not run inside a request's read transaction (it has a
    timeout). Later changes are noticed by the search itself, through the stamp its statement returns."""
    if _state.stamp is None:
        _current(runner)


def idf(state: _State, word: str) -> float:
    return state.rarity.get(word, 0.0)


def _rarity(state: _State, word: str) -> float:
    rarity = math.log((state.documents + 1) / (state.df[word] + 0.5))
    # 大家 in one article's text is rare among the matters but says nothing in a description; nor does 老板 in the
    # plain words of two matters' descriptions
    if word in state.plain:
        return rarity * PLAIN_WORD
    return rarity * EVERYDAY_WORD if word in state.everyday else rarity


def weight(state: _State, concept: Concept) -> float:
    """How much a concept says: the inverse document frequency of its rarest known word among the matters."""
    return max((idf(state, w) * _share(concept, w) for w in concept.words), default=0.0) or UNKNOWN_WORD_WEIGHT


def _share(concept: Concept, word: str) -> float:
    if word in concept.broad:
        return DOMAIN_WORD
    return PIECE if word in concept.pieces else 1.0


def _offers(state: _State, concept: Concept) -> list[tuple[str, float]]:
    """The words of a concept with what each can explain at most, most first (the ranking asks this of every hit)."""
    offers = ((w, idf(state, w) * _share(concept, w)) for w in concept.words)
    return sorted((o for o in offers if o[1] > 0), key=lambda o: -o[1])


def _credit(offers: list[tuple[str, float]], words: frozenset[str], title: frozenset[str]) -> float:
    """How much of a concept a matter's words explain: its rarest word they contain (a thesaurus term met only
    through a common piece, 服务 for 餐饮服务提供者, explains little), less when only its articles contain it."""
    best = 0.0
    for word, most in offers:
        if most <= best:  # no later word can explain more
            break
        if word in words:
            best = max(best, most if word in title else most * ARTICLE_ONLY)
    return best


@cache
def _pattern(term: str) -> re.Pattern[str]:
    return re.compile("(" + f"){_IN_CLAUSE}(".join(re.escape(p) for p in term.split(GAP)) + ")")


def occurrence(term: str, text: str, breaks: set[int] | None = None) -> tuple[str, list[str]] | None:
    """Where a thesaurus term occurs in a (lowered) text: the span it covers and the parts it consists of. With
    `breaks` (segment.boundaries), a term without gaps counts only where a word of the text starts with it: 健康证
    in 健康证明 is the same thing, 死人 in 吓死人了 is not."""
    if GAP not in term:
        at = text.find(term)
        while at >= 0 and breaks is not None and at not in breaks:
            at = text.find(term, at + 1)
        return (term, [term]) if at >= 0 else None
    found = _pattern(term).search(text)
    return (found.group(0), list(found.groups())) if found else None


def understand(state: _State, text: str) -> Query:
    """The concepts of a description: thesaurus terms stand for their statutory words (kept beside the term
    itself, and with the name of their domain); every other word stands for itself."""
    lowered = text.lower()
    concepts: list[Concept] = []
    taken: list[str] = []
    spans: list[str] = []  # what the terms with gaps cover, the words between their parts included
    breaks: set[int] | None = None
    for i in sorted({i for c in set(lowered) for i in state.by_char.get(c, ())}):  # longest first, as listed
        term, statutory, domains = state.synonyms[i]
        if state.firsts[i] not in lowered:
            continue
        breaks = breaks if breaks is not None else segment.boundaries(lowered)
        found = occurrence(term, lowered, breaks)
        if found and not any(part in other for part in found[1] for other in taken):
            taken.extend(found[1])
            spans.append(found[0])
            names = [state.domain_names[d] for d in domains]
            wholes = [*statutory, *term.split(GAP)]
            words = [w for s in wholes for w in segment.content_words(s)]
            broad = [w for s in names for w in segment.content_words(s) if w not in words]
            concepts.append(
                Concept(
                    surface=found[0],
                    words=list(dict.fromkeys([*words, *broad])),
                    broad=list(dict.fromkeys(broad)),
                    pieces=[w for w in dict.fromkeys(words) if w not in wholes],
                    synonym_of=statutory,
                    domains=domains,
                    domain_names=names,
                )
            )
    for word, pieces in segment.phrases(text):
        # a word of a term's part, or one a term with gaps covers with its part (拖欠农民工工资 under 拖…工资); the
        # words between the parts are the description's own (服务员 in 欠我们服务员两个月的工资)
        if not any(word in t for t in taken) and not any(word in s and p in word for s in spans for p in taken):
            concepts.append(Concept(surface=word, words=pieces, pieces=[p for p in pieces if p != word]))
    # Each concept weighs the same in the ranking however many words stand for it.
    boosts: dict[str, float] = {}
    for c in concepts:
        for w in c.words:
            boosts[w] = max(boosts.get(w, 0.0), 1 / math.sqrt(len(c.words)))
    return Query(text=text, concepts=concepts, lucene=fulltext.any_of(list(boosts), boosts))


def search(reader: Reader, text: str, limit: int, region: str | None = None) -> tuple[Query, list[Hit]]:
    """The matters that best match the description, best first, each with how much of it it explains; with a
    region, only the matters that can answer there (no other region's own matters, no 子项, no local rule of
    elsewhere)."""
    return search_many(reader, {text: limit}, region)[text]


def search_many(reader: Reader, texts: dict[str, int], region: str | None = None) -> dict[str, tuple[Query, list[Hit]]]:
    """`search` for several texts (a description and its clauses, each with its limit), ranked in one statement that
    also returns the search stamp: the thesaurus and word weights of the last search are used, and only when the
    stamp has moved since are they reloaded and the texts searched again (a refresh, or a synonym added)."""
    state = _state if _state.stamp is not None else _current(reader)
    for attempt in range(2):
        understood = {text: understand(state, text) for text in texts}
        queries = [
            {"key": text, "query": q.lucene, "limit": max(texts[text], min(RANKED, RERANKED * texts[text]))}
            for text, q in understood.items()
            if q.concepts
        ]
        rows: dict[str, list[tuple[str, float]]] = {text: [] for text in texts}
        found = reader.read(BY_WORDS_BATCH, queries=queries, region_id=region) if queries else []
        if attempt == 0 and found and found[0]["stamp"] != state.stamp:
            state = _current(reader)
            continue
        for row in found:
            if row["id"] in state.docs:  # a matter written after the stamp was read waits for the next refresh
                rows[row["key"]].append((row["id"], row["score"]))
        break
    return {text: (q, _rank(state, q, rows[text], texts[text])) for text, q in understood.items()}


def _rank(state: _State, q: Query, rows: list[tuple[str, float]], limit: int) -> list[Hit]:
    """The matters Neo4j found, ordered by how much of the description they explain (see RANKED)."""
    if not q.concepts:
        return []
    weights = [weight(state, c) for c in q.concepts]
    offers = [_offers(state, c) for c in q.concepts]
    total = sum(weights)
    # The domains the thesaurus puts the description's colloquial terms in vote, each by the term's weight.
    votes: dict[str, float] = {}
    for c, w in zip(q.concepts, weights, strict=True):
        for d in c.domains:
            votes[d] = votes.get(d, 0.0) + w / len(c.domains)
    cast = sum(votes.values()) or 1.0
    top = max((score for _, score in rows), default=1.0) or 1.0
    ranked = []
    for matter_id, score in rows:
        doc = state.docs[matter_id]
        credits = [min(_credit(o, doc.words, doc.title), w) for o, w in zip(offers, weights, strict=True)]
        explained = round(sum(credits), 2)
        rank = round(explained + score / top + DOMAIN_VOTE * votes.get(doc.domain_id or "", 0.0) / cast, 3)
        ranked.append((rank, matter_id, doc, credits, explained))
    ranked.sort(key=lambda r: -r[0])  # stable: Neo4j's order breaks ties
    return [
        Hit(
            id=matter_id,
            name=doc.name,
            domain_id=doc.domain_id,
            domain=doc.domain,
            score=rank,
            coverage=round(sum(credits) / total, 3),
            explained_weight=explained,
            explained=[c.surface for c, got in zip(q.concepts, credits, strict=True) if got],
            unexplained=sum(1 for got in credits if not got),
        )
        for rank, matter_id, doc, credits, explained in ranked[:limit]
    ]
