"""Who may do what: the one access policy the routes and services ask.

Roles: office (编办/司法局) rules and supervises everywhere; a department acts only as itself and reads the clues
it took part in; an analyst reads (and runs the analytics) but never writes; admin does everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphsvc.errors import Forbidden
from graphsvc.identity import Role, User

SUPERVISORS = (Role.admin, Role.office)
ANALYTICS = (Role.admin, Role.office, Role.analyst)


def _refuse(message: str, reason: str = "not allowed") -> Forbidden:
    return Forbidden(message, [{"field": "role", "reason": reason}])


def may_read_audit_log(user: User) -> None:
    if user.role not in SUPERVISORS:
        raise _refuse("只有管理员和编办(admin、office 角色)可以查看操作记录。")


def may_run_analytics(user: User, what: str) -> None:
    """Sweeps over every clue of a region are for supervisors and analysts, not for one department's users."""
    if user.role not in ANALYTICS:
        raise _refuse(f"{what}只对管理员、编办和分析人员开放;部门用户请查看本部门线索的移送链。")


def may_write(user: User, action: str) -> None:
    if user.role is Role.analyst:
        raise _refuse(f"分析人员(analyst)只能查看,不能{action}。")


def may_file_dispute(user: User, claimant_ids: Iterable[str]) -> None:
    """A department files only disputes it is party to; analysts file none."""
    may_write(user, "登记职责争议")
    if user.role is Role.department and user.department_id not in set(claimant_ids):
        raise Forbidden(
            "部门用户只能以本部门名义登记争议:争议各方中须有本部门。",
            [{"field": "claimants", "reason": "the user's department is not a party"}],
        )


def may_rule(user: User) -> None:
    if user.role not in SUPERVISORS:
        raise _refuse("只有编办、司法局(office 角色)可以作出裁定。")


def clue_reader(user: User) -> str | None:
    """The department whose clues a user may read (those it received, was sent or sent on); None for all."""
    return user.department_id if user.role is Role.department else None
