"""Legal bases: what a new version changes (立改废释)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.api.params import AsOf
from graphsvc.responsibility.impact import BasisImpact, impact

router = APIRouter(prefix="/legal-bases", tags=["legal bases"])


# Unset: `similarity` and `text_changed` appear only where both texts are loaded, as before.
@router.get("/{basis_id}/impact", response_model=BasisImpact, response_model_exclude_unset=True)
def basis_impact(
    runner: RunnerDep,
    user: UserDep,
    basis_id: Annotated[str, Path(max_length=200, description="法律依据编号,如 食品安全法")],
    as_of: AsOf = None,
) -> BasisImpact:
    """As of `as_of` (default today): the version in force, and the matters, assignments and rulings whose basis
    was renumbered (with the provision it moved into) or vanished."""
    return impact(runner, basis_id, as_of)
