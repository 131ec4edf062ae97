"""Chinese words for search: jieba in search mode, taught the catalogue's own vocabulary.

Matters are indexed as space-separated words (a `whitespace` full-text index) and descriptions are cut the
same way, so a query word meets exactly the index words. jieba's search mode also emits the known 2- and
3-character words inside a longer one (液化石油气 → 液化, 石油, 石油气, 液化石油气), which keeps the two sides
matching when the vocabulary grows between an index refresh and a query.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_known: set[str] = set()
_generation = 0  # moves each time words are taught: the cached cuts of the dictionary before are not used again

# Words that say nothing about which behaviour is meant: how tickets and notes are phrased, not what happened.
STOPWORDS = frozenset(
    [
        # narrative words of tickets: negation alone, time, manner (没有 alone says nothing; 未取得许可 does)
        "没有",
        "就是",
        "这样",
        "不能",
        "能不能",
        "起来",
        "这么",
        "那么",
        "还是",
        "怎么样",
        "为啥",
        "好几",
        "几个",
        "好几个",
        "今天",
        "昨天",
        "明天",
        "晚上",
        "早上",
        "上午",
        "下午",
        "突然",
        "全是",
        "照样",
        "自己",
        "外面",
        "到处",
        "根本",
        "明明",
        "竟然",
        "肯定",
        "偷偷",
        "直接",
        "举报",
        "需要",
        "投诉",
        "反映",
        "反应",
        "群众",
        "市民",
        "居民",
        "有人",
        "有个",
        "一个",
        "一家",
        "一些",
        "这家",
        "那家",
        "这个",
        "那个",
        "我们",
        "我家",
        "我",
        "你",
        "他",
        "她",
        "它",
        "他们",
        "本人",
        "附近",
        "旁边",
        "周边",
        "楼下",
        "楼上",
        "对面",
        "门口",
        "里面",
        "里",
        "小区",
        "现在",
        "目前",
        "最近",
        "近期",
        "长期",
        "经常",
        "一直",
        "多次",
        "每天",
        "天天",
        "已经",
        "还",
        "又",
        "也",
        "都",
        "就",
        "问题",
        "情况",
        "现象",
        "存在",
        "发现",
        "看到",
        "听说",
        "据说",
        "希望",
        "要求",
        "请求",
        "请",
        "尽快",
        "处理",
        "查处",
        "管管",
        "管理一下",
        "解决",
        "核实",
        "调查",
        "哪个",
        "哪个部门",
        "部门",
        "谁",
        "谁管",
        "归谁",
        "该",
        "应该",
        "应当",
        "是否",
        "是不是",
        "怎么",
        "怎么办",
        "如何",
        "什么",
        "为什么",
        "的",
        "了",
        "着",
        "过",
        "在",
        "和",
        "与",
        "及",
        "或",
        "等",
        "被",
        "把",
        "让",
        "给",
        "对",
        "从",
        "向",
        "有",
        "没",
        "是",
        "这",
        "那",
        "其",
        "之",
        "并",
        "但",
        "而",
        "且",
        "则",
        "所",
        "以",
        "于",
        "为",
        "因",
        "因为",
        "所以",
        "如果",
        "导致",
        "造成",
        "一下",
        "一样",
        "非常",
        "很",
        "太",
        "比较",
        "严重",
        "好像",
        "可能",
        "说",
        "称",
        "讲",
        "位于",
        "地址",
        "某",
        "某某",
        "某处",
        "有关",
        "相关",
        "具体",
        "进行",
        "开展",
        "实施",
        "工作",
        "单位",
        "人员",
        "个人",
        "公司",
        "店",
        "家",
        "处",
        "里",
        "内",
        "外",
        "上",
        "下",
        "中",
    ]
)
_CLAUSE_BREAK = re.compile(r"[，,。；;！!？?\n\r]+|(?:另外|此外|同时|并且|而且|还有)")
_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# A count or an amount (一百多个, 两个, 三年, 五千): how much, never which behaviour. Penalty articles are full of
# amounts (一百万元), so such words would otherwise count as rare words the matters share with a description.
_QUANTITY = re.compile(r"^[零〇一二三四五六七八九十百千万亿两几多余半0-9０-９.]+[个天年月日号次块元岁]?$")


def _base() -> jieba.Tokenizer:
    global _tokenizer
    if _tokenizer is None:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        _tokenizer = tokenizer
    return _tokenizer


def warm() -> None:
    """Loads the dictionary now (seconds), so that the first search does not wait for it."""
    with _lock:
        _base()


def teach(words: Iterable[str]) -> None:
    """Adds words to the dictionary (names of functions, departments, subject types, thesaurus terms).
    Words are only ever added: a word the index has not seen yet still matches through its pieces."""
    global _generation
    taught = False
    with _lock:
        tokenizer = _base()
        for word in words:
            word = word.strip()
            if 2 <= len(word) <= 12 and word not in _known and " " not in word:
                tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word, tune=False), 20000))
                _known.add(word)
                taught = True
        if taught:
            _generation += 1


# How often a word must occur in jieba's dictionary of general Chinese to count as an everyday word (大家, 特别,
# 继续, 正常: the 432 commonest words of two characters or more).
EVERYDAY_FREQ = 10000


def everyday(word: str) -> bool:
    """A word of everyday Chinese that the catalogue did not teach (its own words are not everyday here)."""
    with _lock:
        return word not in _known and _base().FREQ.get(word, 0) >= EVERYDAY_FREQ


def words(text: str) -> list[str]:
    """Every search word of the text, in order (repeats kept: they weigh in the index's scoring)."""
    with _lock:
        tokenizer = _base()
        found = tokenizer.cut_for_search(text or "")
        return [w.lower() for w in found if _KEEP.search(w)]


def content_words(text: str) -> list[str]:
    """The words of a description that can carry its meaning: no stopwords, no lone characters, no repeats."""
    seen: dict[str, None] = {}
    for w in words(text):
        if _content(w):
            seen.setdefault(w)
    return list(seen)


def _content(word: str) -> bool:
    return len(word) >= 2 and word not in STOPWORDS and not _QUANTITY.match(word)


def _precise(text: str) -> tuple[str, ...]:
    """jieba's precise cut, once per text and dictionary: a search asks it of each description twice (its breaks, its
    phrases), and a word taught changes the cut (a cut made while a word was being taught is kept under the old
    generation, never asked again)."""
    return _precise_in(text, _generation)


@lru_cache(maxsize=1024)
def _precise_in(text: str, generation: int) -> tuple[str, ...]:
    with _lock:
        return tuple(_base().cut(text))


def boundaries(text: str) -> set[int]:
    """The offsets where jieba's precise cut of the text puts a word break (0 and the end included): a thesaurus
    term must start on one, or 死人 would be found in 吓死人了."""
    found, at = {0}, 0
    for word in _precise(text or ""):
        at += len(word)
        found.add(at)
    return found


def phrases(text: str) -> list[tuple[str, list[str]]]:
    """The content words of a description as jieba cuts them precisely, each with the search words inside it
    (外包装 → 外包装, 外包, 包装), so that one word of the description is one thing it says."""
    seen: dict[str, list[str]] = {}
    cut = _precise(text or "")
    with _lock:
        tokenizer = _base()
        for word in cut:
            w = word.lower()
            if not _content(w) or not _KEEP.search(w) or w in seen:
                continue
            pieces = [p.lower() for p in tokenizer.cut_for_search(word) if _content(p.lower())]
            seen[w] = list(dict.fromkeys([w, *pieces]))
    return list(seen.items())


def clauses(text: str) -> list[str]:
    """The clauses of a description (split at punctuation and at 另外/同时/还有 …), empty ones dropped."""
    return [c.strip() for c in _CLAUSE_BREAK.split(text or "") if c and c.strip()]
