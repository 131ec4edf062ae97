"""Uploading the forms users fill in: 附件1 (matters) and 附件2 (plans), checked first, then loaded."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Path, Query, UploadFile

from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.api.params import AsOf
from graphsvc.errors import Forbidden
from graphsvc.identity import Role
from graphsvc.types import RegionCode
from loaders.forms.upload import FormKind, ImportReport, import_form

router = APIRouter(prefix="/imports", tags=["imports"])


@router.post("/{form}", response_model=ImportReport)
def upload_form(
    runner: RunnerDep,
    user: UserDep,
    form: Annotated[FormKind, Path(description="matters = 附件1 监管事项清单;plans = 附件2 工作计划")],
    file: Annotated[UploadFile, File(description="填好的 .xlsx 或 .csv")],
    region: Annotated[RegionCode, Query(description="表格所属的行政区划代码")],
    dry_run: Annotated[bool, Query(description="只检查不写入")] = True,
    partial: Annotated[bool, Query(description="写入无误的行,跳过有误的行")] = False,
    as_of: AsOf = None,
) -> ImportReport:
    """Check an uploaded form (`dry_run`, the default) or load it. The answer lists every rejected row with its
    column, value and reason; without `partial`, one bad row means nothing is written."""
    if user.role not in (Role.office, Role.admin):
        raise Forbidden("只有编办(office 角色)或管理员可以导入表格。")
    content = file.file.read()
    return import_form(
        runner, form, file.filename or "", content, region, user.id, dry_run=dry_run, partial=partial, as_of=as_of
    )
