"""The shared vocabulary of types: references, codes and role words, defined once for every layer.

Domains, routes and loaders import these instead of writing their own `Ref` or region pattern, so a code that is
valid in one request is valid in every other and the OpenAPI document names each shape once.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, PlainSerializer, StringConstraints

from graphsvc import uscc

# GB/T 2260 行政区划代码 (6 digits), extended to 乡镇街道 (9) and 村居 (12) as the statistical division codes do.
REGION_PATTERN = r"^\d{6}(\d{3}(\d{3})?)?$"
RegionCode = Annotated[str, StringConstraints(pattern=REGION_PATTERN)]

# 统一社会信用代码 (GB 32100-2015), canonical: spaces removed, upper case, check character verified.
Uscc = Annotated[str, AfterValidator(uscc.validate)]


def _uscc_or_name(value: str) -> str:
    # A name (not ASCII) is resolved to its code by the service; a code is checked here.
    return value.strip() if not value.isascii() else uscc.validate(value)


UsccOrName = Annotated[str, AfterValidator(_uscc_or_name)]

# A moment in an answer, written as the service always wrote it (datetime.isoformat: +00:00, not pydantic's Z).
Instant = Annotated[datetime, PlainSerializer(lambda value: value.isoformat(), return_type=str, when_used="json")]


class Role(StrEnum):
    """What a user may do: office (编办 / 司法局, rulings), department (acts for one department), analyst, admin."""

    office = "office"  # 编办 / 司法局
    department = "department"
    analyst = "analyst"
    admin = "admin"


# A department's part in a matter as the catalogue (权责清单) lists it.
DutyRole = Literal["牵头", "配合"]
# 企业信用风险分类 and 风险等级 as the frequency table (双随机、一公开) keys them.
CreditGrade = Literal["A", "B", "C", "D"]
RiskClass = Literal["低", "一般", "较高", "高"]


class Ref(BaseModel):
    """A node of the graph as an answer names it: its stable id and its display name."""

    id: str = Field(description="稳定编号")
    name: str = Field(description="名称")


class LooseRef(BaseModel):
    """A reference whose name may be unknown (an id the graph no longer names, or a node without a name)."""

    id: str = Field(description="稳定编号")
    name: str | None = Field(default=None, description="名称(未知时为 null)")


__all__ = [
    "REGION_PATTERN",
    "CreditGrade",
    "DutyRole",
    "Instant",
    "LooseRef",
    "Ref",
    "RegionCode",
    "RiskClass",
    "Role",
    "Uscc",
    "UsccOrName",
]
