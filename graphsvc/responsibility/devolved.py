"""How a devolved power changes an answer (行政处罚法第二十四条): the street office leads where the asked region is
the street; asked above streets, the county lead stands and the streets are listed. The facts and the note are
in devolution.py."""

from __future__ import annotations

from graphsvc.responsibility.answer import DepartmentRef, Duty, Evidence, Flag, MatterBasis, MatterResult
from graphsvc.responsibility.devolution import (
    ARTICLE,
    DEVOLVED,
    LAW,
    PARAGRAPHS,
    PENALTY,
    POSSIBLE,
    SUPERVISING_ROLE,
    BodyRef,
    CountyDepartment,
    DecisionRef,
    Devolution,
    DevolutionArticle,
    DevolvedStreet,
    PowerFact,
    Supervisor,
)
from graphsvc.types import Ref


# Built with every field given: the dossiers answer with exclude_unset, and the article is part of the evidence.
def _article() -> DevolutionArticle:
    return DevolutionArticle(law=LAW, article=ARTICLE, text=PARAGRAPHS[0], paragraph="第一款")


def _supervisor(department: CountyDepartment) -> Supervisor:
    return Supervisor(
        department=department, role=SUPERVISING_ROLE, article=f"《{LAW}》{ARTICLE}第三款", text=PARAGRAPHS[2]
    )


def _decision_name(decision: DecisionRef) -> str:
    return f"《{decision.title}》" + (f"({decision.doc_no})" if decision.doc_no else "")


def apply(
    result: MatterResult, powers: list[PowerFact], bases: list[MatterBasis], category: str | None
) -> MatterResult:
    """The result for one matter with the devolved powers that concern the asked region taken into account."""
    if not powers or any(f.code == "NOT_APPLICABLE" for f in result.flags):
        return result
    here = [p for p in powers if p.here]
    county_lead = list(
        {d.department.id: BodyRef(id=d.department.id, name=d.department.name) for d in result.lead}.values()
    )
    decisions = list({p.decision.id: p.decision for p in (here or powers)}.values())
    streets = [
        DevolvedStreet(street=p.street, office=p.office, taken_from=p.taken_from, decision=p.decision) for p in powers
    ]
    caveat = (
        f";注意:第二十四条只规定行政处罚权的交由行使,该事项类别为「{category}」,请核对决定所列依据"
        if category and category != PENALTY
        else ""
    )
    if not here:
        where = "、".join(f"{s.street.name}({s.office.name})" for s in streets)
        holders = "、".join(d.name for d in county_lead) or "县级部门"
        message = (
            f"该事项的行政处罚权已由{'、'.join(_decision_name(d) for d in decisions)}交由下列街道/乡镇行使:{where};"
            f"监管对象位于这些街道/乡镇的,由其承接;其他地方由{holders}管辖。请确认监管对象所在的街道/乡镇{caveat}"
        )
        note = Devolution(
            status="possible",
            message=message,
            article=_article(),
            decisions=decisions,
            streets=streets,
            supervising=[],
            county_lead=county_lead,
        )
        return result.model_copy(
            update={"flags": [*result.flags, Flag(code=POSSIBLE, message=message)], "devolution": note}
        )
    taken = list({p.taken_from.id: p.taken_from for p in here}.values())
    supervising = [_supervisor(d) for d in taken]
    offices = list({p.office.id: p for p in here}.values())
    lead = [_street_duty(p, bases) for p in offices]
    mismatch = [d.name for d in county_lead if d.id not in {t.id for t in taken}]
    note_mismatch = (
        f";注意:目录在区县一级认定的牵头部门为{'、'.join(mismatch)},决定所列原实施部门为"
        f"{'、'.join(t.name for t in taken)},请核对"
        if mismatch
        else ""
    )
    message = (
        f"依照《{LAW}》{ARTICLE}和{'、'.join(_decision_name(d) for d in decisions)},该事项的行政处罚权在"
        f"{'、'.join(p.street.name for p in offices)}交由{'、'.join(p.office.name for p in offices)}行使;"
        f"{'、'.join(t.name for t in taken)}依第二十四条第三款负责{SUPERVISING_ROLE}{note_mismatch}{caveat}"
    )
    note = Devolution(
        status="devolved",
        message=message,
        article=_article(),
        decisions=decisions,
        streets=[s for s in streets if s.street.id in {p.street.id for p in here}],
        supervising=supervising,
        county_lead=county_lead,
    )
    # The province's decision says whose power it is in this street: the county-level doubts (two leads, the
    # law's open wording, no performer) are kept in the note's county_lead and the message, not as the answer.
    kept = [f for f in result.flags if f.code not in ("GAP", "CONFLICT", "OVERLAP")]
    return result.model_copy(
        update={
            "lead": lead,
            "flags": [*kept, Flag(code=DEVOLVED, message=message)],
            "overlap": None,
            "devolution": note,
        }
    )


def _street_duty(power: PowerFact, bases: list[MatterBasis]) -> Duty:
    """The street office as lead; its evidence is the chain: the matter's articles, 第二十四条, the decision."""
    return Duty(
        department=DepartmentRef(
            id=power.office.id, name=power.office.name, region=Ref(id=power.street.id, name=power.street.name)
        ),
        function=None,
        rule="devolution",
        evidence=Evidence(
            performs=None,
            assignment=None,
            assigned_function=None,
            succession=[],
            ruling=None,
            licence=None,
            named_by_article=None,
            authority_from=None,
            bases=bases,
            devolution_article=_article(),
            decision=power.decision,
            taken_from=power.taken_from,
        ),
    )
