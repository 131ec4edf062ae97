"""Who may do what with inspections: department users act for their own department only."""

from __future__ import annotations

from collections.abc import Iterable

from graphsvc.errors import Forbidden
from graphsvc.identity import Role, User


def for_departments(user: User, departments: Iterable[str], action: str) -> None:
    """A department user may act only for their own department; office, analyst and admin for any."""
    if user.role is not Role.department:
        return
    others = sorted({d for d in departments if d != user.department_id})
    if others:
        raise Forbidden(
            f"部门用户只能为本部门({user.department_id}){action}:{'、'.join(others)} 不是本部门",
            [{"field": "department", "reason": "not the user's department"}],
        )


def can_write(user: User, action: str, departments: Iterable[str] | None = None) -> None:
    """Writes: admin and office anywhere, a department for its own department (when departments are given),
    analysts never."""
    if user.role in (Role.admin, Role.office):
        return
    if user.role is Role.department and departments is not None:
        for_departments(user, departments, action)
        return
    raise Forbidden(f"{user.role.value} 用户不能{action}", [{"field": "role", "reason": "not allowed"}])
