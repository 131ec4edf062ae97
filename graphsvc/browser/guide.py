"""The analysts' guide (`:play`), generated from graphsvc/browser/guide.yaml and the files of cypher/browser/.

A slide shows its Cypher file as it is, so guide and files cannot drift; the buttons that set a slide's
parameters carry examples a `pick` query finds in the graph when the guide is served. The same files, named
by their first line, make the favourites archive the Browser imports.
"""

from __future__ import annotations

import html
import io
import math
import zipfile
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from graphsvc.browser.style import Style, load_style
from graphsvc.cypher import Query, query
from graphsvc.db import Reader
from graphsvc.errors import GraphsvcError

GUIDE_FILE = Path(__file__).with_name("guide.yaml")


class Slide(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    question: str
    query: str
    pick: str
    read: str


class GuideSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    slides: list[Slide]


class Example(BaseModel):
    """One set of parameters a click in the guide sets, with what the button says."""

    params: dict[str, str]
    label: str


@cache
def load_guide(path: Path = GUIDE_FILE) -> GuideSpec:
    spec = GuideSpec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    for slide in spec.slides:
        for name in (slide.query, slide.pick):
            if query(name).mode != "read":
                raise ValueError(f"{name}: the guide runs read-only queries only")
    return spec


def shown_text(q: Query) -> str:
    """The file as an analyst pastes it: its description and the statement, without the mode/params/returns lines."""
    raw = q.path.read_text(encoding="utf-8").splitlines()
    keep = [line for line in raw if not line.startswith(("// mode:", "// params:", "// returns:"))]
    return "\n".join(keep).strip()


def examples(reader: Reader, slide: Slide) -> list[Example]:
    """What the slide's pick query finds; none when the graph cannot be read (the guide still serves)."""
    try:
        rows = reader.read(query(slide.pick))
    except GraphsvcError:
        return []
    return [Example(params={k: str(v) for k, v in row["params"].items()}, label=str(row["label"])) for row in rows]


def _cypher_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def param_command(params: dict[str, str]) -> str:
    """`param a: 'x', b: 'y'`: the Browser merges these into its parameters (the map form would replace them all)."""
    return "param " + ", ".join(f"{k}: {_cypher_string(v)}" for k, v in params.items())


def _slide_html(slide: Slide, found: list[Example]) -> str:
    q = query(slide.query)
    e = html.escape
    parts = [f"<h3>{e(slide.title)}</h3>", f"<p class='lead'>{e(slide.question)}</p>"]
    if found:
        buttons = " ".join(
            f"<a class='btn btn-default' data-exec=\"{e(param_command(x.params))}\">{e(x.label)}</a>" for x in found
        )
        parts.append(f"<p>① 点一下,设置参数:{buttons}</p>")
    else:
        parts.append("<p>① 图中暂无可用的示例;在下方填写参数后点一下。</p>")
    for name in sorted(q.params):
        default = found[0].params.get(name, "") if found else ""
        parts.append(
            f"<div>或填写 <code>{e(name)}</code>:<input value-for='{e(name)}' placeholder='{e(default)}'> "
            f"<pre class='runnable'>:param {e(name)}: '<span value-key='{e(name)}'>{e(default)}</span>'</pre></div>"
        )
    parts.append("<p>② 点一下查询放入编辑器(▶ 直接运行):</p>")
    parts.append(f"<pre mode='cypher' class='pre-scrollable code runnable'>{e(shown_text(q))}</pre>")
    parts.append(f"<p>{e(slide.read)}</p>")
    parts.append(f"<p><small>文件:cypher/{e(q.name)}.cypher</small></p>")
    return "<slide class='row-fluid'>\n<div class='col-sm-12'>\n" + "\n".join(parts) + "\n</div>\n</slide>"


# The model in one picture: the core labels where a reader expects them, in the colours of the style.
_PICTURE_NODES: dict[str, tuple[str, int, int]] = {
    "LegalBasis": ("法律", 80, 45),
    "BasisVersion": ("版本", 230, 45),
    "Article": ("条款", 380, 45),
    "JointInspection": ("联合检查", 80, 150),
    "InspectionTask": ("检查任务", 230, 150),
    "Matter": ("监管事项", 380, 150),
    "Assignment": ("安排", 530, 150),
    "Function": ("职能", 690, 150),
    "Subject": ("监管对象", 230, 255),
    "Department": ("部门", 530, 255),
    "Region": ("地区", 690, 345),
    "Clue": ("线索", 80, 345),
    "Referral": ("移送一跳", 380, 345),
}
_PICTURE_EDGES: list[tuple[str, str, str]] = [
    ("LegalBasis", "HAS_VERSION", "BasisVersion"),
    ("BasisVersion", "HAS_ARTICLE", "Article"),
    ("Matter", "BASED_ON", "Article"),
    ("Assignment", "FOR_MATTER", "Matter"),
    ("Assignment", "ASSIGNED_TO", "Function"),
    ("Department", "PERFORMS", "Function"),
    ("Department", "IN_REGION", "Region"),
    ("InspectionTask", "COVERS", "Matter"),
    ("InspectionTask", "ON_SUBJECT", "Subject"),
    ("InspectionTask", "MERGED_INTO", "JointInspection"),
    ("InspectionTask", "BY_DEPARTMENT", "Department"),
    ("Subject", "LOCATED_IN", "Region"),
    ("Clue", "ON_SUBJECT", "Subject"),
    ("Referral", "OF_CLUE", "Clue"),
    ("Referral", "TO_DEPARTMENT", "Department"),
]


def model_picture(style: Style) -> str:
    """An inline SVG (the Browser's pages allow no remote images): core labels, arrows named as in the style."""
    r = 34
    out = [
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 780 390' width='100%' style='max-width:640px'>",
        "<defs><marker id='gs-arrow' viewBox='0 0 10 10' refX='10' refY='5' markerWidth='7' markerHeight='7' "
        "orient='auto'><path d='M0,0 L10,5 L0,10 z' fill='#888'/></marker></defs>",
    ]
    for source, rel, target in _PICTURE_EDGES:
        _, x1, y1 = _PICTURE_NODES[source]
        _, x2, y2 = _PICTURE_NODES[target]
        d = math.hypot(x2 - x1, y2 - y1)
        ux, uy = (x2 - x1) / d, (y2 - y1) / d
        sx, sy, tx, ty = x1 + ux * r, y1 + uy * r, x2 - ux * (r + 2), y2 - uy * (r + 2)
        out.append(
            f"<line x1='{sx:.0f}' y1='{sy:.0f}' x2='{tx:.0f}' y2='{ty:.0f}' stroke='#888' stroke-width='1.5' "
            "marker-end='url(#gs-arrow)'/>"
        )
        caption = html.escape(style.relationships[rel])
        out.append(
            f"<text x='{(sx + tx) / 2:.0f}' y='{(sy + ty) / 2 - 4:.0f}' font-size='11' text-anchor='middle' "
            f"fill='#555' paint-order='stroke' stroke='#fff' stroke-width='3'>{caption}</text>"
        )
    for label, (name, x, y) in _PICTURE_NODES.items():
        s = style.labels[label]
        out.append(f"<circle cx='{x}' cy='{y}' r='{r}' fill='{s.color}'/>")
        out.append(
            f"<text x='{x}' y='{y + 1}' font-size='12' text-anchor='middle' fill='{s.text}'>{html.escape(name)}</text>"
        )
        out.append(f"<text x='{x}' y='{y + 14}' font-size='8' text-anchor='middle' fill='{s.text}'>{label}</text>")
    out.append("</svg>")
    return "".join(out)


def render_guide(reader: Reader, api_url: str) -> str:
    """The whole guide as the Browser's `:play <url>` reads it: a <title> and one <slide> per page."""
    spec, style, e = load_guide(), load_style(), html.escape
    intro = "\n".join(
        [
            "<slide class='row-fluid'>\n<div class='col-sm-12'>",
            f"<h3>{e(spec.title)}</h3>",
            "<p class='lead'>三个问题,一张图:谁来管、能否合并检查、线索去哪了。</p>",
            model_picture(style),
            "<p>颜色和标题由连接时加载的样式决定(<code>:style</code>);每个标签固定一种颜色和大小,"
            "部门、职能和移送的标题取自简短的 <code>caption</code>。后面各页一问一查:先点一下设置参数,"
            "再点查询放入编辑器运行。所有查询只读。</p>",
            "<pre class='runnable'>CALL db.schema.visualization()</pre>",
            f"<p>常用查询可导入收藏夹:下载 <a href='{e(api_url)}/browser/favorites.zip' target='_blank'>"
            "favorites.zip</a>,把它拖进 Browser 窗口,即导入左侧收藏夹(Favorites)的 graphsvc 文件夹。重新打开本导览:"
            f"<code>:play {e(api_url)}/browser/guide.html</code></p>",
            "</div>\n</slide>",
        ]
    )
    slides = [_slide_html(slide, examples(reader, slide)) for slide in spec.slides]
    return (
        "<!DOCTYPE html>\n<html lang='zh-CN'>\n<head><meta charset='utf-8'>"
        f"<title>{e(spec.title)}</title></head>\n<body>\n" + "\n".join([intro, *slides]) + "\n</body>\n</html>\n"
    )


def favorites_zip() -> bytes:
    """The guide's queries as a dropped .zip the Browser imports: .cypher files in a folder, named by first line."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, slide in enumerate(load_guide().slides, start=1):
            q = query(slide.query)
            params = ", ".join(sorted(q.params))
            text = f"// {slide.title}:{slide.question}\n// 参数:{params}(在导览中点一下设置)\n{shown_text(q)}\n"
            archive.writestr(f"graphsvc/{n:02d} {slide.title}.cypher", text)
    return buffer.getvalue()
