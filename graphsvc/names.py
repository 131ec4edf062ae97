"""The one name resolver: departments, regions, matters and subjects as people write them, or by id.

Every loader and every API parameter that takes one of these goes through here. Departments are
matched by a key: half-width, no spaces, no region names or 区/市 prefixes, long words shortened the
way offices shorten them (监督管理 → 监管, 住房和城乡建设 → 住建), then the 部门简称 vocabulary
(data/vocab/department_aliases.csv and the office's additions): short names (区卫健委), former names
across the 2018–2019 reforms (区食药监局 → 市场监管局), 委/局 variants, and 大队/支队 (a county's
消防救援大队 belongs to the city's 支队 where the county lists none). A name that says which level it
means (西安市…, 市…) is looked up there; otherwise the given region first, then its parents. Without
a region, every region is searched and two matches are an ambiguity. Unknown or ambiguous → 422
naming the candidates.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from graphsvc.catalogue import cache as catalogue
from graphsvc.cypher import query
from graphsvc.db import Reader
from graphsvc.errors import InvalidInput
from graphsvc.fulltext import terms
from graphsvc.types import REGION_PATTERN
from graphsvc.vocab import Vocabulary, VocabularyName

LIST_DEPARTMENTS = query("names/list_departments")
DEPARTMENT_REGION = query("names/get_department_region")
LIST_REGIONS = query("names/list_regions")
FIND_MATTERS = query("names/find_matters")
SUGGEST_MATTERS = query("names/suggest_matters")
FIND_SUBJECTS = query("names/find_subjects")
SUGGEST_SUBJECTS = query("names/suggest_subjects")
REGION_CODE = re.compile(REGION_PATTERN)
USCC = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")

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
# A unit that belongs to the office above it: a county's 消防救援大队 is part of the city's 支队.
_SUBORDINATE_UNIT = re.compile(r"(?:大队|中队|派出所)$")


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

    @property
    def key_code(self) -> str:
        """The part of the id after the region: 610113-scjgj → scjgj."""
        return self.id.split("-", 1)[-1]


@dataclass(frozen=True)
class DepartmentMatch:
    department: Department
    note: str | None = None  # how the name was understood, when not by its own name (a former name …)


class UnknownDepartment(ValueError):
    def __init__(self, name: str, suggestions: list[str]):
        self.suggestions = suggestions
        hint = f",最接近的是:{'、'.join(suggestions)}" if suggestions else ""
        super().__init__(f"未找到部门「{name}」{hint}")


class AmbiguousDepartment(UnknownDepartment):
    def __init__(self, name: str, candidates: list[str]):
        self.suggestions = candidates
        ValueError.__init__(self, f"部门「{name}」可指多个部门:{'、'.join(candidates)},请写全称")


def clean(name: str) -> str:
    """Half-width, without spaces or the dots some forms put between characters."""
    return re.sub(r"[\s·•]", "", unicodedata.normalize("NFKC", name))


class DepartmentIndex:
    """The departments a name may mean: those of a region and of its parents (chain), or of every region."""

    def __init__(self, chain: list[Region], departments: list[Department], aliases: Vocabulary | None = None):
        self.chain = chain  # the region first, then its parents up to the province
        self.region_names = sorted({n for r in chain for n in r.names}, key=len, reverse=True)
        self.by_region: dict[str, list[Department]] = {r.id: [] for r in chain}
        for d in departments:
            self.by_region.setdefault(d.region_id, []).append(d)
        self.aliases = aliases
        # keys computed once: a list of thousands of rows names the same few departments again and again
        self._keys = {d.id: {self.key(d.name), self.key(d.short_name or d.name)} for d in departments}
        self._resolved: dict[str, DepartmentMatch] = {}

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
        return self.resolve(name).department

    def resolve(self, name: str) -> DepartmentMatch:
        """The department with a note when the name was read through the 部门简称 vocabulary or a parent unit."""
        if name not in self._resolved:
            self._resolved[name] = self._resolve(name)
        return self._resolved[name]

    def _resolve(self, name: str) -> DepartmentMatch:
        wanted = self.key(name)
        alias = self.aliases.lookup(wanted) if self.aliases else None
        variants = {wanted}
        if wanted[-1:] in ("委", "局"):  # 区发改局 / 区发改委, 区卫健委 / 区卫健局
            variants.add(wanted[:-1] + ("局" if wanted.endswith("委") else "委"))
        regions = self._regions_meant(clean(name))
        if _SUBORDINATE_UNIT.search(wanted):
            regions = [*regions, *(r for r in self.chain if r not in regions)]
        for region in regions:
            found = [
                d
                for d in self.by_region.get(region.id, [])
                if variants & self._keys.get(d.id, set()) or clean(name) == clean(d.name)
            ]
            note = None
            if not found and alias and alias.canonical:
                found = [d for d in self.by_region.get(region.id, []) if d.key_code == alias.canonical]
                note = (
                    f"「{name}」按 {found[0].name} 理解" + (f"({alias.note})" if alias.note else "") if found else None
                )
            if len(found) == 1:
                return DepartmentMatch(found[0], note)
            if found:
                raise AmbiguousDepartment(name, [d.name for d in found])
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


def _levels_meant(name: str) -> set[str]:
    """The levels a leading level word points to (区市场监管局 → 县); empty when the name has none."""
    if re.match(r"(?:中共)?(?:省|自治区)", name):
        return {"省"}
    if re.match(r"(?:中共)?市(?![场政容])", name):
        return {"市", "省"}  # 上海市 is a 直辖市, at 省 level
    if re.match(r"(?:中共)?[区县旗]", name):
        return {"县"}
    return set()


def _invalid(field: str, message: str, reason: str, candidates: list[dict[str, Any]] | None = None) -> InvalidInput:
    detail: dict[str, Any] = {"field": field, "reason": reason}
    if candidates:
        detail["candidates"] = candidates
    return InvalidInput(message, [detail])


class Names:
    """Resolves what a caller wrote to ids, reading the graph once per kind; one instance per request or load."""

    def __init__(self, reader: Reader, as_of: date | None = None):
        self.reader = reader
        self.as_of = as_of or date.today()
        self._regions: dict[str, dict[str, Any]] | None = None
        self._departments: list[Department] | None = None
        self._aliases: Vocabulary | None = None

    # -- regions ----------------------------------------------------------------------------------

    @property
    def regions(self) -> dict[str, dict[str, Any]]:
        if self._regions is None:
            self._regions = {r["id"]: r for r in self.reader.read(LIST_REGIONS)}
        return self._regions

    def chain(self, region_id: str) -> list[Region]:
        """The region and its parents, nearest first."""
        found: list[Region] = []
        current: str | None = region_id
        while current and current in self.regions and len(found) < 6:
            r = self.regions[current]
            found.append(Region(r["id"], r["name"], r["level"]))
            current = r["parent_id"]
        return found

    def full_name(self, region_id: str) -> str:
        """陕西省西安市雁塔区: the region's name after its parents'."""
        return "".join(r.name for r in reversed(self.chain(region_id)))

    def region(self, text: str, field: str = "region") -> str:
        """The code of a region given by code (610113) or name (雁塔区, 雁塔, 西安市雁塔区)."""
        written = clean(text)
        if REGION_CODE.match(written):
            if written in self.regions:
                return written
            raise _invalid(field, f"未知的行政区划代码:{written}", "unknown region")
        found = [
            code
            for code, r in self.regions.items()
            if written in {r["name"], *Region(code, r["name"], r["level"]).names}
            or written == self.full_name(code)
            or (len(written) > len(r["name"]) and self.full_name(code).endswith(written))
        ]
        if len(found) == 1:
            return found[0]
        if found:
            candidates = [{"id": c, "name": self.full_name(c)} for c in found]
            names = "、".join(f"{c['name']}({c['id']})" for c in candidates)
            raise _invalid(field, f"「{text}」可指多个行政区划:{names},请写代码或全称", "ambiguous region", candidates)
        near = difflib.get_close_matches(written, [r["name"] for r in self.regions.values()], n=3, cutoff=0.5)
        hint = f",最接近的是:{'、'.join(near)}" if near else ""
        raise _invalid(field, f"未知的行政区划「{text}」{hint}", "unknown region")

    # -- departments ------------------------------------------------------------------------------

    def _all_departments(self) -> list[Department]:
        if self._departments is None:
            rows = self.reader.read(LIST_DEPARTMENTS, as_of=self.as_of)
            self._departments = [
                Department(r["id"], r["name"], r["short_name"], r["region_id"]) for r in rows if r["in_office"]
            ]
        return self._departments

    def aliases(self) -> Vocabulary:
        if self._aliases is None:
            from graphsvc import vocab

            self._aliases = vocab.load(self.reader)[VocabularyName.department]
        return self._aliases

    def department_index(self, region_id: str) -> DepartmentIndex:
        """The departments a name written for this region may mean (the region's and its parents')."""
        chain = self.chain(region_id)
        ids = {r.id for r in chain}
        return DepartmentIndex(chain, [d for d in self._all_departments() if d.region_id in ids], self.aliases())

    def department(self, text: str, region: str | None = None, field: str = "department") -> str:
        """The id of the department given by id or name; read within region (and its parents) when given."""
        written = clean(text)
        if any(d.id == written for d in self._all_departments()):
            return written
        if region:
            try:
                return self.department_index(region).match(text).id
            except UnknownDepartment as e:
                if not self._mentions_region(written):
                    raise self._department_error(field, text, e) from None
                # 碑林区市场监管局 written in 雁塔区: a department of another region, by its name
        return self._department_anywhere(text, field)

    def _mentions_region(self, written: str) -> bool:
        return any(n in written for code, r in self.regions.items() for n in Region(code, r["name"], r["level"]).names)

    def _department_anywhere(self, text: str, field: str) -> str:
        """Without a region: the region a name mentions decides; else every county, then city, then province."""
        written = clean(text)
        mentioned = [
            code
            for code, r in self.regions.items()
            if r["level"] != "乡" and any(n in written for n in Region(code, r["name"], r["level"]).names)
        ]
        # the most specific region the name mentions (雁塔 inside 西安市雁塔区)
        mentioned.sort(key=lambda c: len(self.chain(c)), reverse=True)
        if mentioned:
            try:
                return self.department_index(mentioned[0]).match(text).id
            except UnknownDepartment as e:
                raise self._department_error(field, text, e) from None
        found: dict[str, Department] = {}
        levels = _levels_meant(written)
        for code, r in self.regions.items():
            if r["level"] == "乡" or (levels and r["level"] not in levels):
                continue
            index = self.department_index(code)
            index.chain = index.chain[:1]  # only this region's own departments
            try:
                d = index.match(text)
            except UnknownDepartment:
                continue
            found[d.id] = d
        if len(found) == 1:
            return next(iter(found))
        if found:
            candidates = [{"id": d.id, "name": d.name} for d in found.values()][:20]
            names = "、".join(f"{c['name']}({c['id']})" for c in candidates[:8])
            raise _invalid(
                field, f"「{text}」可指多个部门:{names} 等,请写明行政区划或部门编号", "ambiguous department", candidates
            )
        near = difflib.get_close_matches(written, [d.name for d in self._all_departments()], n=3, cutoff=0.4)
        hint = f",最接近的是:{'、'.join(near)}" if near else ""
        raise _invalid(field, f"未知部门「{text}」{hint}", "unknown department")

    @staticmethod
    def _department_error(field: str, text: str, e: UnknownDepartment) -> InvalidInput:
        reason = "ambiguous department" if isinstance(e, AmbiguousDepartment) else "unknown department"
        candidates = [{"name": n} for n in e.suggestions] if isinstance(e, AmbiguousDepartment) else None
        return _invalid(field, str(e), reason, candidates)

    # -- matters and subjects ---------------------------------------------------------------------

    def matter(self, text: str, region: str | None = None, field: str = "matter") -> str:
        """The id of the matter given by id, 事项编码 or exact name; a region's own matter wins over others."""
        written = unicodedata.normalize("NFKC", text).strip()
        rows = self.reader.read(FIND_MATTERS, text=written)
        exact = [r for r in rows if written in (r["id"], r["code"])]
        if len(exact) == 1:
            return str(exact[0]["id"])
        rows = exact or rows
        if len(rows) > 1 and region:
            ids = {r.id for r in self.chain(region)}
            own = [r for r in rows if ids & set(r["region_ids"])]
            general = [r for r in rows if not r["region_ids"]]
            rows = own or general or rows
        if len(rows) == 1:
            return str(rows[0]["id"])
        if rows:
            candidates = [{"id": r["id"], "name": r["name"], "code": r["code"]} for r in rows]
            names = "、".join(r["id"] for r in rows[:8])
            raise _invalid(field, f"「{text}」可指多个监管事项:{names},请写事项编号", "ambiguous matter", candidates)
        near = self.reader.read(SUGGEST_MATTERS, query=terms(written), limit=3) if written else []
        hint = f",最接近的是:{'、'.join(r['name'] for r in near)}" if near else ""
        raise _invalid(field, f"未知的监管事项「{text}」{hint}", "unknown matter")

    def subject(self, text: str, field: str = "subject") -> str:
        """The 统一社会信用代码 of the subject given by code or exact name."""
        written = unicodedata.normalize("NFKC", text).strip()
        code = written.upper()
        rows = self.reader.read(FIND_SUBJECTS, text=code if USCC.match(code) else written)
        if len(rows) == 1:
            return str(rows[0]["id"])
        if rows:
            candidates = [{"id": r["id"], "name": r["name"], "region_id": r["region_id"]} for r in rows]
            raise _invalid(
                field,
                f"名为「{text}」的监管对象有 {len(rows)} 个,请写统一社会信用代码",
                "ambiguous subject",
                candidates,
            )
        if USCC.match(code):
            raise _invalid(field, f"未知的监管对象:{code}", "unknown subject")
        near = self.reader.read(SUGGEST_SUBJECTS, query=terms(written), limit=3) if written else []
        hint = f",最接近的是:{'、'.join(r['name'] for r in near)}" if near else ""
        raise _invalid(field, f"未知的监管对象「{text}」{hint}", "unknown subject")

    # -- API parameters: ids pass through to the service's own checks; names are resolved here --------

    def region_param(self, text: str | None, field: str = "region") -> str | None:
        """A region parameter: a code as given, a name resolved to its code."""
        return text if text is None or REGION_CODE.match(text.strip()) else self.region(text, field)

    def department_param(self, text: str | None, region: str | None = None, field: str = "department") -> str | None:
        """A department parameter: an id as given, a name (区城管局) resolved within region when given."""
        return text if text is None or text.isascii() else self.department(text, region, field)

    def region_of_department(self, department_id: str | None) -> str | None:
        """The region a department sits in: the context for the names its users write. One small read, not the list
        of every department, unless this request has read that already."""
        if department_id is None:
            return None
        if self._departments is not None:
            return next((d.region_id for d in self._departments if d.id == department_id), None)
        rows = self.reader.read(DEPARTMENT_REGION, id=department_id, as_of=self.as_of)
        return rows[0]["region_id"] if rows else None

    def departments_param(self, texts: list[str], region: str | None, field: str) -> list[str]:
        return [str(self.department_param(t, region, f"{field}.{i}")) for i, t in enumerate(texts)]

    def matter_param(self, text: str | None, region: str | None = None, field: str = "matter_id") -> str | None:
        """A matter parameter: an id as given, a 事项编码 or a name resolved to the matter's id."""
        if text is None:
            return None
        if text.isascii():
            if catalogue.known(text.strip()):  # an exact id the held catalogue has is that id: not read as a code
                return text.strip()
            rows = self.reader.read(FIND_MATTERS, text=text.strip())
            ids = [r["id"] for r in rows if r["id"] == text.strip()] or [r["id"] for r in rows]
            return str(ids[0]) if len(ids) == 1 else text
        return self.matter(text, region, field)

    def subject_param(self, text: str | None, field: str = "uscc") -> str | None:
        """A subject parameter: a 统一社会信用代码 as given (checked by the service), a name resolved to it."""
        return text if text is None or text.isascii() else self.subject(text, field)
