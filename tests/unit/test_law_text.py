"""Law texts parsed (pure, on the real files and small synthetic ones): numerals, history, kinds, malformed input."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import cn2an
import pytest

from graphsvc.config import ROOT
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput
from loaders.law_text import (
    MalformedLaw,
    cn_number,
    cn_numeral,
    law_files,
    law_kind,
    match_articles,
    parse_law,
    read_law,
)

# The shared texts sit next to the main checkout; a work tree elsewhere names them with GRAPHSVC_LAWS_DIR.
LAWS = Path(os.environ.get("GRAPHSVC_LAWS_DIR") or ROOT.parent / "shared" / "laws")
LIST_VERSION_ARTICLES = query("law/list_version_articles")

SMALL = """\
# 中华人民共和国测试法

2001年2月3日 第九届全国人民代表大会常务委员会第二次会议通过

2010年5月6日 第十一届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国测试法〉的决定》修正

<!-- INFO END -->

## 第一章　总 则

第一条 为了测试，制定本法。

第二条 下列活动适用本法：

（一）甲；

(二)乙。

前款以外的活动，不适用本法。

## 第二章 附则

### 第一节 其他

第三条 本法自2010年7月1日起施行。
"""


def small(**replace: str) -> str:
    text = SMALL
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


# -- parsing -------------------------------------------------------------------------------------


def test_chinese_numerals_agree_with_cn2an() -> None:
    for n in range(1, 10000):
        written = cn2an.an2cn(n)
        assert cn_numeral(n) == written
        assert cn_number(written) == n
    assert cn_number("两百") == 200 and cn_number("一百零〇") == 100


def test_a_small_law_parses() -> None:
    law = parse_law(SMALL, "测试法.md")
    assert (law.title, law.basis_id, law.version_id) == ("中华人民共和国测试法", "测试法", "测试法@2010-05-06")
    assert [(e.on, e.kind) for e in law.events] == [(date(2001, 2, 3), "通过"), (date(2010, 5, 6), "修正")]
    assert (law.kind, law.issuer) == ("法律", "全国人民代表大会常务委员会")
    assert law.effective_from == date(2010, 7, 1)  # from the commencement article, later than the version
    second = law.articles[1]
    assert (second.number, second.label, second.chapter) == (2, "第二条", "第一章 总则")
    assert [c.text for c in second.clauses] == ["下列活动适用本法：", "前款以外的活动，不适用本法。"]
    assert second.clauses[0].items == ["甲；", "乙。"]
    assert second.text == "下列活动适用本法：\n（一）甲；\n(二)乙。\n前款以外的活动，不适用本法。"
    assert law.articles[2].chapter == "第二章 附则 第一节 其他"


def test_history_details() -> None:
    # Two events on one line (产品质量法); 公布 after 通过; a 施行 line; the file name's date wins.
    two = small(**{"2010年5月6日 ": "2005年1月1日 第十届全国人民代表大会常务委员会第一次会议修正根据2010年5月6日 "})
    assert [e.kind for e in parse_law(two, "x.md").events] == ["通过", "修正", "修正"]
    state_council = small(
        **{
            "2001年2月3日 第九届全国人民代表大会常务委员会第二次会议通过": "2001年2月3日 国务院第9次常务会议通过",
            "2010年5月6日 第十一届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国测试法〉的决定》修正": (
                "2001年3月1日 中华人民共和国国务院令第1号公布\n\n2001年6月1日 施行"
            ),
            "# 中华人民共和国测试法": "# 测试条例",
        }
    )
    law = parse_law(state_council, "测试条例(2001-03-01).md")
    assert (law.version_date, law.effective_from, law.kind, law.issuer) == (
        date(2001, 3, 1),
        date(2001, 6, 1),
        "行政法规",
        "国务院",
    )
    renamed = parse_law(SMALL, "测试法(2012-01-01).md")
    assert renamed.version_date == date(2012, 1, 1) and renamed.effective_from == date(2012, 1, 1)
    assert renamed.warnings == ["历史记录止于 2010-05-06,版本日期取自文件名 2012-01-01"]


def test_kind_from_issuer_or_title() -> None:
    assert law_kind("上海市社会信用条例", "上海市人民代表大会常务委员会") == "地方性法规"
    assert law_kind("中华人民共和国行政处罚法", "全国人民代表大会") == "法律"
    assert law_kind("上海市实施《中华人民共和国食品安全法》办法", None) == "地方性法规"
    assert law_kind("中华人民共和国市场主体登记管理条例", None) == "行政法规"
    assert law_kind("中华人民共和国反食品浪费法", None) == "法律"
    assert law_kind("市场主体登记管理条例", None) == "行政法规"


@pytest.mark.parametrize(
    ("replace", "line", "reason"),
    [
        ({"# 中华人民共和国测试法": "中华人民共和国测试法"}, 1, "缺少标题"),
        ({"通过": "开会"}, 3, "无法识别的事件"),
        ({"第三条 本法": "第四条 本法"}, 25, "条号不连续:此处应为第三条"),
        ({"第三条 本法": "第二条 本法"}, 25, "条号重复:第二条已见于第 13 行"),
        ({"## 第一章　总 则": "本法分两章。"}, 9, "段落不属于任何条文"),
        ({"## 第二章 附则": "## 附则"}, 21, "标题应为"),
        ({"(二)乙。": "(三)乙。"}, 17, "项号不连续"),
        ({"第一条 为了测试，制定本法。": "第一条之一 测试。"}, 11, "插入条文"),
    ],
)
def test_malformed_texts_point_at_their_line(replace: dict[str, str], line: int, reason: str) -> None:
    with pytest.raises(MalformedLaw) as caught:
        parse_law(small(**replace), "测试法.md")
    first = caught.value.errors[0]
    assert (first.file, first.row) == ("测试法.md", line)
    assert reason in first.reason
    assert caught.value.details[0]["row"] == line and isinstance(caught.value, InvalidInput)


def test_no_articles_and_no_date_are_malformed() -> None:
    with pytest.raises(MalformedLaw) as caught:
        parse_law("# 空条例\n\n<!-- INFO END -->\n\n## 第一章 总则\n", "空条例.md")
    assert [e.reason[:4] for e in caught.value.errors] == ["没有条文"]
    undated = "# 无日期条例\n\n<!-- INFO END -->\n\n第一条 本条例自公布之日起施行。\n"
    with pytest.raises(MalformedLaw, match="缺少版本日期"):
        parse_law(undated, "无日期条例.md")
    assert parse_law(undated, "无日期条例(2020-01-02).md").version_date == date(2020, 1, 2)
    with pytest.raises(MalformedLaw, match="早于历史记录"):
        parse_law(SMALL, "测试法(2009-01-01).md")


def test_every_shared_law_parses() -> None:
    files = law_files(LAWS)
    assert len(files) >= 36
    laws = {f.name: read_law(f) for f in files}
    counts = {law.version_id: len(law.articles) for law in laws.values()}
    assert counts["食品安全法@2021-04-29"] == 154
    assert counts["危险化学品安全管理条例@2013-12-07"] == 102
    assert counts["安全生产法@2021-06-10"] == 119
    assert counts["消防法@2021-04-29"] == 74
    # No date in its name and no history: the version is dated by its commencement article.
    local = laws["上海市实施《食品安全法》办法.md"]
    assert (local.version_id, local.kind) == ("上海市实施《中华人民共和国食品安全法》办法@2011-09-01", "地方性法规")
    assert laws["农产品质量安全法(2022-09-02).md"].effective_from == date(2023, 1, 1)


def test_similar_articles_are_matched_one_to_one() -> None:
    old = {1: "甲乙丙丁戊己庚辛", 2: "天地玄黄，宇宙洪荒。", 3: "完全不同的内容"}
    new = {1: "天地玄黄，宇宙洪荒！", 2: "甲乙丙丁戊己庚辛壬", 3: "甲乙丙丁戊己庚辛", 4: ""}
    assert [(m.old, m.new) for m in match_articles(old, new)] == [(1, 3), (2, 1)]
    assert match_articles(old, new)[1].similarity == 1.0


# -- loading -------------------------------------------------------------------------------------


def articles(runner: Runner, version: str) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in runner.read(LIST_VERSION_ARTICLES, version_ids=[version])}
