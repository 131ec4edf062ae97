"""The Browser documentation shows how to run the clue-chain query with its parameter."""

from __future__ import annotations

from graphsvc.config import ROOT


def test_the_docs_say_how_to_run_the_browser_query() -> None:
    docs = (ROOT / "docs" / "browser.md").read_text(encoding="utf-8")
    assert ":param clue_id" in docs and "cypher/browser/clue_chain.cypher" in docs
