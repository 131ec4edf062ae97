"""The Browser style (GraSS) the project ships, from graphsvc/browser/style.yaml."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

STYLE_FILE = Path(__file__).with_name("style.yaml")
TEMPLATE_FIELD = re.compile(r"\{(\w+)\}")


class LabelStyle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    color: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$")
    size: int = Field(ge=20, le=120, description="diameter in px")
    caption: str = Field(min_length=1, description="a template: {property} is replaced by the node's property")
    text: str = Field(default="#FFFFFF", pattern=r"^#[0-9A-Fa-f]{6}$")

    @property
    def fields(self) -> set[str]:
        return set(TEMPLATE_FIELD.findall(self.caption))


class Style(BaseModel):
    model_config = ConfigDict(extra="forbid")

    labels: dict[str, LabelStyle]
    relationships: dict[str, str]


@cache
def load_style(path: Path = STYLE_FILE) -> Style:
    return Style.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _darker(color: str, factor: float = 0.8) -> str:
    rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{int(c * factor):02X}" for c in rgb)


def _rule(selector: str, props: dict[str, str]) -> str:
    # The Browser's GraSS parser splits on `;` and `:`, so neither may appear inside a value.
    for value in props.values():
        if ";" in value or ":" in value:
            raise ValueError(f"{selector}: GraSS values cannot hold ';' or ':' ({value!r})")
    body = "".join(f"  {k}: {v};\n" for k, v in props.items())
    return f"{selector} {{\n{body}}}\n"


def grass(style: Style) -> str:
    """The style as GraSS text, what `:style <url>` loads."""
    rules = [
        _rule(
            "node",
            {
                "diameter": "50px",
                "color": "#A5ABB6",
                "border-color": "#9AA1AC",
                "border-width": "2px",
                "text-color-internal": "#FFFFFF",
                "font-size": "10px",
            },
        ),
        _rule(
            "relationship",
            {
                "color": "#A5ABB6",
                "shaft-width": "1px",
                "font-size": "9px",
                "padding": "3px",
                "text-color-external": "#000000",
                "text-color-internal": "#FFFFFF",
                "caption": '"<type>"',
            },
        ),
    ]
    for label, s in style.labels.items():
        rules.append(
            _rule(
                f"node.{label}",
                {
                    "color": s.color,
                    "border-color": _darker(s.color),
                    "diameter": f"{s.size}px",
                    "text-color-internal": s.text,
                    "caption": f'"{s.caption}"',
                },
            )
        )
    for rel_type, caption in style.relationships.items():
        rules.append(_rule(f"relationship.{rel_type}", {"caption": f'"{caption}"'}))
    return "\n".join(rules)
