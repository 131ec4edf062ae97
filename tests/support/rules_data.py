"""The pure rules of graphsvc/responsibility/rules.py over the plain dicts the rule tests write: the facts a test
leaves out (an article's gist, a function's duty kind …) are filled with nothing, the models built, and the answers
read back as dicts. The constants and the behaviour decision are read from the rules module itself."""

from __future__ import annotations

from typing import Any

from graphsvc.responsibility import rules
from graphsvc.responsibility.answer import MatterBasis, MatterHeader, OverlapArticle

_NAMED = {"function_name": None, "wording": None, "duty_kind": None, "level": None, "method": None}
_ARTICLE = {"article": None, "gist": None, "text": None, "title": None, "version": None}
_BASIS = _ARTICLE | {"article_id": "", "basis_id": None, "effective_from": None, "effective_to": None}
_BASIS |= {"in_force": True, "cited_id": None}


def _basis(data: dict[str, Any]) -> MatterBasis:
    authority = [_ARTICLE | a | {"named": [_NAMED | n for n in a.get("named", [])]} for a in data.get("authority", [])]
    named = [_NAMED | n for n in data.get("named", [])]
    return MatterBasis.model_validate(_BASIS | data | {"named": named, "authority": authority})


def open_authorities(bases: list[dict[str, Any]], lead_functions: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    return [a.model_dump() for a in rules.open_authorities([_basis(b) for b in bases], lead_functions)]


def tie_breaks(
    matter: dict[str, Any], bases: list[dict[str, Any]], open_articles: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    header = MatterHeader.model_validate({"id": "", "name": ""} | matter)
    articles = [OverlapArticle.model_validate({"article_id": ""} | a) for a in open_articles]
    return [t.model_dump() for t in rules.tie_breaks(header, [_basis(b) for b in bases], articles)]
