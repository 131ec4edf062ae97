"""The authorities a legal text names (…主管部门, …监督管理部门, …机构, …人民政府, with their level), as functions.

Pure: a `Lexicon` is built from the functions' wordings (name and aliases, as data/reference/functions.csv has
them; old wordings such as 工商行政管理部门 are functions of their own that reforms lead on from). `find` reads one
text and returns what it could place and the phrases it could not:

1. wordings of the lexicon found verbatim (longest first), with the level written just before them;
2. phrases that start with a level (国务院 / 省、自治区、直辖市人民政府 / 设区的市级人民政府 / 县级以上地方人民政府 …)
   and end in 部门/机构/机关, split at 、 (卫生健康、市场监督管理等部门) and placed by their stem (交通运输 of
   交通运输主管部门); what has no stem in the lexicon is reported;
3. a people's government named on its own (县级以上地方人民政府应当…) is the government's function, but only where the
   text names no department: beside a department it is context (报本级人民政府批准), not the authority.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Level prefixes as the texts write them, longest first, with the level recorded on the link.
_LEVEL_WORDS: list[tuple[str, str]] = [
    ("省、自治区、直辖市人民政府", "省级"),
    ("省、自治区、直辖市", "省级"),
    ("省级人民政府", "省级"),
    ("设区的市级、县级人民政府", "设区的市级、县级"),
    ("设区的市、县级人民政府", "设区的市级、县级"),
    ("设区的市级人民政府", "设区的市级"),
    ("设区的市人民政府", "设区的市级"),
    ("县级以上地方各级人民政府", "县级以上地方"),
    ("县级以上地方人民政府", "县级以上地方"),
    ("县级以上各级人民政府", "县级以上"),
    ("县级以上人民政府", "县级以上"),
    ("所在地的县级人民政府", "县级"),
    ("所在地县级人民政府", "县级"),
    ("县级人民政府", "县级"),
    ("地方各级人民政府", "地方各级"),
    ("本级人民政府", "本级"),
    ("乡、镇人民政府", "乡镇"),
    ("乡镇人民政府", "乡镇"),
    ("国务院", "国务院"),
]
_LEVEL = "|".join(re.escape(w) for w, _ in _LEVEL_WORDS)
_LEVEL_OF = dict(_LEVEL_WORDS)
_SUFFIX = r"(?:主管部门|监督管理部门|管理部门|行政部门|部门|机构|机关)"
# A level, then a short run of words ending in an authority's suffix; 、 and 等 allow lists of departments.
_PHRASE = re.compile(rf"({_LEVEL})((?:[\u4e00-\u9fff]|、){{1,24}}?{_SUFFIX})")
_LEVEL_AT_END = re.compile(rf"({_LEVEL})(?:的)?$")
_STEM_SUFFIX = re.compile(r"(?:主管|行政主管|行政|监督管理|管理)?(?:部门|机构|机关)$")
# A government on its own: the level words that name one (not 国务院, which is no local function).
_GOVERNMENTS = {
    "省级": "provincial-government",
    "县级以上地方": "local-government",
    "县级以上": "local-government",
    "地方各级": "local-government",
    "本级": "local-government",
    "县级": "local-government",
    "设区的市级": "local-government",
    "设区的市级、县级": "local-government",
    "乡镇": "township-government",
}
_GOVERNMENT_FUNCTIONS = set(_GOVERNMENTS.values())
DESIGNATED = "designated-supervisor"
_STANDALONE_GOVERNMENT = re.compile("|".join(re.escape(w) for w, _ in _LEVEL_WORDS if w.endswith("人民政府")))
# A phrase with a verb in it is a sentence, not a name (县级以上人民政府应当立即成立事故处置指挥机构).
_VERBS = re.compile(r"应当|可以|决定|设立|设置|组织|成立|加强|建立|协调|核定|配置|或者|及其|以及")
# Named by the government case by case: the indefinite authority (餐饮油烟: 县级以上地方人民政府确定的监督管理部门).
_DESIGNATED = re.compile(r"(?:指定|确定)的?(?:监督管理)?部门$")
# Generic words for any body of a government (编制条例): no particular authority.
_GENERIC = {"", "工作", "议事协调", "具有行政处罚权", "行政执法"}
# Words that make a suffix no authority: 检验机构, 金融机构 … are regulated, not regulators.
_NOT_AUTHORITIES = ("检验", "检测", "金融机构", "医疗机构", "培训机构", "认证机构", "评价机构", "服务机构", "鉴定机构")


@dataclass(frozen=True)
class Wording:
    function_id: str
    text: str
    level: str | None


@dataclass(frozen=True)
class Hit:
    function_id: str
    wording: str  # as the text writes it, level included
    level: str | None
    start: int


@dataclass(frozen=True)
class Unplaced:
    phrase: str
    start: int


def split_level(wording: str) -> tuple[str | None, str]:
    """县级以上地方人民政府交通运输主管部门 → (县级以上地方, 交通运输主管部门)."""
    for word, level in _LEVEL_WORDS:
        if wording.startswith(word) and len(wording) > len(word):
            return level, wording[len(word) :].removeprefix("的")
    return None, wording


def stem(core: str) -> str:
    """交通运输主管部门 → 交通运输; 市场监督管理等部门 → 市场; 公安机关 → 公安."""
    core = core.removeprefix("负责").replace("等有关部门", "部门").replace("等", "")
    return _STEM_SUFFIX.sub("", core).removesuffix("的")


class Lexicon:
    """The functions' wordings, for verbatim and stem lookups."""

    def __init__(self, functions: Iterable[tuple[str, str, list[str]]]):
        self.wordings: list[Wording] = []
        self._stems: dict[str, dict[str | None, set[str]]] = {}
        for function_id, name, aliases in functions:
            for text in dict.fromkeys([name, *aliases]):
                if len(text) < 4 or function_id in _GOVERNMENT_FUNCTIONS:
                    continue
                level, core = split_level(text)
                self.wordings.append(Wording(function_id, text, level))
                if "、" not in core:
                    self._stems.setdefault(stem(core), {}).setdefault(level, set()).add(function_id)
        self.wordings.sort(key=lambda w: -len(w.text))

    def by_stem(self, core: str, level: str | None) -> str | None:
        """The one function a stem names at a level: the level's own (设区的市级 交通运输 → transport-city), else
        the one named without a level or at a general one; None when unknown or ambiguous."""
        levels = self._stems.get(stem(core))
        if not levels:
            return None
        if level in levels and len(levels[level]) == 1:
            return next(iter(levels[level]))
        general = set().union(
            *(ids for lv, ids in levels.items() if lv in (None, "县级以上地方", "县级以上", "国务院"))
        )
        return next(iter(general)) if len(general) == 1 else None


def find(text: str, lexicon: Lexicon) -> tuple[list[Hit], list[Unplaced]]:
    """The authorities one text names, in order, and the level-prefixed phrases it could not place."""
    taken: list[tuple[int, int]] = []
    hits: list[Hit] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for w in lexicon.wordings:
        if w.text not in text:
            continue
        for m in re.finditer(re.escape(w.text), text):
            start, end = m.start(), m.end()
            if not free(start, end) or _regulated(text, start, end):
                continue
            level = w.level
            if before := _LEVEL_AT_END.search(text[:start]):
                start, level = before.start(), level or _LEVEL_OF[before.group(1)]
            taken.append((start, end))
            hits.append(Hit(w.function_id, text[start:end], level, start))
    unplaced: list[Unplaced] = []
    for m in _PHRASE.finditer(text):
        if not free(m.start(), m.end()) or _regulated(text, m.start(), m.end()):
            continue
        taken.append((m.start(), m.end()))
        if _VERBS.search(m.group(2)):
            continue
        level = _LEVEL_OF[m.group(1)]
        parts = [p for p in m.group(2).split("、") if p]
        for i, part in enumerate(parts):
            # A list shares the last item's suffix: 卫生健康、市场监督管理等部门.
            core = part if re.search(f"{_SUFFIX}$", part) else part + "部门"
            if stem(core) in _GENERIC:
                continue
            function_id = DESIGNATED if _DESIGNATED.search(core) else lexicon.by_stem(core, level)
            if function_id:
                hits.append(
                    Hit(function_id, m.group(0) if len(parts) == 1 else m.group(1) + part, level, m.start() + i)
                )
            else:
                unplaced.append(Unplaced(m.group(1) + part, m.start()))
    if not hits:
        for m in _STANDALONE_GOVERNMENT.finditer(text):
            if not free(m.start(), m.end()):
                continue
            level = _LEVEL_OF[m.group(0)]
            function_id = _GOVERNMENTS.get(level)
            if function_id:
                hits.append(Hit(function_id, m.group(0), level, m.start()))
    hits.sort(key=lambda h: h.start)
    return hits, unplaced


def _regulated(text: str, start: int, end: int) -> bool:
    """An 检验机构 or 金融机构 is regulated, not a regulator."""
    window = text[max(0, start - 4) : end]
    return text[start:end].endswith("机构") and any(word in window for word in _NOT_AUTHORITIES)
