"""The three-department rounds of the referral network equal networkx's enumeration of the 3-cycles (the oracle:
simple_cycles, which flows used before), on random directed graphs with self-loops and pairs."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graphsvc.clues import flows

DEPARTMENTS = [f"d{n:02d}" for n in range(9)]
edges = st.lists(st.tuples(st.sampled_from(DEPARTMENTS), st.sampled_from(DEPARTMENTS), st.integers(1, 4)), max_size=40)


def _oracle(graph: nx.DiGraph) -> list[list[str]]:
    rounds = []
    for cycle in nx.simple_cycles(graph, length_bound=3):
        if len(cycle) == 3:
            start = cycle.index(min(cycle))
            rounds.append(cycle[start:] + cycle[:start])
    return sorted(rounds)


@settings(max_examples=300, deadline=None)
@given(edges=edges)
def test_rounds_of_three_are_networkx_3_cycles(edges: list[tuple[str, str, int]]) -> None:
    graph = nx.DiGraph()
    for a, b, weight in edges:
        graph.add_edge(a, b, weight=weight)
    assert sorted(flows.rounds_of_three(graph)) == _oracle(graph)
    bouncing = flows.bouncing(graph)
    assert bouncing["cycle_count"] == len(_oracle(graph))
    for shown in bouncing["cycles"]:
        cycle = shown["department_ids"]
        assert shown["weight"] == min(graph[a][b]["weight"] for a, b in zip(cycle, cycle[1:] + cycle[:1], strict=True))
