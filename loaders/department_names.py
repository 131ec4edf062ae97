"""Department names as forms write them, matched to the departments of a region and its parents.

Users write 区市场监管局, 雁塔区市场监督管理局, 公安雁塔分局 or 区住建局 for offices whose full names
are 西安市雁塔区市场监督管理局, 西安市公安局雁塔分局, 西安市雁塔区住房和城乡建设局. Both sides are
reduced to a key: half-width, no spaces, no region names or 区/市 prefixes, and the long forms of
common words shortened the way offices shorten them (监督管理 → 监管, 住房和城乡建设 → 住建).
A name that says which level it means (西安市…, 市…) is looked up there; otherwise the form's own
region first, then its parents. Pure: no database.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

# Long form → the short form offices use; longer wordings first so they win.
ABBREVIATIONS = [
    ("机构编制委员会办公室", "编办"),
    ("市场监督管理", "市场监管"),
    ("监督管理", "监管"),
    ("住房和城乡建设", "住建"),
    ("住房城乡建设", "住建"),
    ("建设和管理委员会", "住建局"),  # Shanghai's districts give the 住建 duties to a 建设和管理委员会
    ("建管委", "住建局"),
    ("人力资源和社会保障", "人社"),
    ("人力资源社会保障", "人社"),
    ("卫生健康", "卫健"),
    ("城市管理和综合执法", "城管"),
    ("城市管理行政执法", "城管"),
    ("城管执法", "城管"),
    ("城市管理", "城管"),
    ("应急管理", "应急"),
    ("发展和改革", "发改"),
    ("发展改革", "发改"),
    ("文化和旅游体育", "文旅"),
    ("文化旅游体育", "文旅"),
    ("文化和旅游", "文旅"),
    ("文化旅游", "文旅"),
    ("农林水务", "农水"),
    ("交通运输", "交通"),
    ("科学技术和工业信息化", "科工"),
    ("科技和工业信息化", "科工"),
    ("科学技术", "科技"),
    ("医疗保障", "医保"),
    ("行政审批服务", "行政审批"),
    ("大数据资源管理", "大数据"),
    ("大数据管理", "大数据"),
    ("金融工作办公室", "金融办"),
    ("金融服务办公室", "金融办"),
    ("委员会", "委"),
    ("局分局", "局"),  # 西安市公安局雁塔分局 → 公安局 once the region names are gone
    ("分局", "局"),
]
# A leading level word once region names are gone: 区住建局, 市市场监管局, 区委编办. 市场/市政/市容 are words.
_LEVEL_PREFIX = re.compile(r"^(?:中共)?(?:自治区委?|省委?|区委?|县委?|市委?(?![场政容])|委)")
_REGION_SUFFIX = re.compile(r"(?:自治区|自治州|自治县|特别行政区|省|市|区|县|盟|旗)$")


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    level: str  # 省/市/县/乡

    @property
    def names(self) -> list[str]:
        """The full name and the short one (雁塔区, 雁塔), longest first."""
        short = _REGION_SUFFIX.sub("", self.name)
        return [self.name, short] if len(short) >= 2 and short != self.name else [self.name]


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    short_name: str | None
    region_id: str


class UnknownDepartment(ValueError):
    def __init__(self, name: str, suggestions: list[str]):
        self.suggestions = suggestions
        hint = f",最接近的是:{'、'.join(suggestions)}" if suggestions else ""
        super().__init__(f"未找到部门「{name}」{hint}")


def clean(name: str) -> str:
    """Half-width, without spaces or the dots some forms put between characters."""
    return re.sub(r"[\s·•]", "", unicodedata.normalize("NFKC", name))


class DepartmentIndex:
    """The departments a form of one region may name: those of the region and of its parents."""

    def __init__(self, chain: list[Region], departments: list[Department]):
        self.chain = chain  # the form's region first, then its parents up to the province
        self.region_names = sorted({n for r in chain for n in r.names}, key=len, reverse=True)
        self.by_region: dict[str, list[Department]] = {r.id: [] for r in chain}
        for d in departments:
            self.by_region.setdefault(d.region_id, []).append(d)

    def key(self, name: str) -> str:
        """The comparable form of a name: 西安市雁塔区住房和城乡建设局 and 区住建局 both give 住建局."""
        text = clean(name)
        for region_name in self.region_names:
            text = text.replace(region_name, "")
        for long, short in ABBREVIATIONS:
            text = text.replace(long, short)
        return _LEVEL_PREFIX.sub("", text)

    def match(self, name: str) -> Department:
        """The one department the name means; raises UnknownDepartment with the closest names."""
        wanted = self.key(name)
        for region in self._regions_meant(clean(name)):
            found = [
                d
                for d in self.by_region.get(region.id, [])
                if wanted in {self.key(d.name), self.key(d.short_name or d.name)} or clean(name) == clean(d.name)
            ]
            if len(found) == 1:
                return found[0]
            if found:
                raise UnknownDepartment(name, [d.name for d in found])
        raise UnknownDepartment(name, self.closest(name))

    def closest(self, name: str, n: int = 3) -> list[str]:
        """The n known names nearest to name, full names, nearest first."""
        wanted = self.key(name)
        scored = [
            (difflib.SequenceMatcher(None, wanted, self.key(d.short_name or d.name)).ratio(), -depth, d.name)
            for depth, region in enumerate(self.chain)
            for d in self.by_region.get(region.id, [])
        ]
        return [name for _, _, name in sorted(scored, reverse=True)[:n]]

    def _regions_meant(self, name: str) -> list[Region]:
        """Where to look: the region the name mentions or its level word points to, else the chain upwards."""
        for region in self.chain:
            if any(n in name for n in region.names):
                return [region]
        if re.match(r"(?:中共)?(?:省|自治区)", name):
            return [r for r in self.chain if r.level == "省"] or self.chain
        if re.match(r"(?:中共)?市(?![场政容])", name):
            # 市 is the 地级市 above, or a 直辖市 (上海市 is at 省 level)
            return [r for r in self.chain[1:] if r.level == "市" or r.name.endswith("市")][:1] or self.chain
        if re.match(r"(?:中共)?[区县]", name):
            return [r for r in self.chain if r.level == "县"] or self.chain
        return self.chain
