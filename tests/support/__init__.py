"""Shared test helpers: fixture worlds, tokens, the test server. Which world to use for what:

- `graph` (conftest): a wiped graph with the shipped reference catalogue (data/reference/), per test. For anything
  about the real catalogue: resolve, audit, forms, law texts, the CLI (`env` points the CLI at this graph).
- `clue_api` (conftest, module scope): a small hand-written catalogue (support/clue_world.py: 雁塔区 and its
  departments, a food matter, a gas matter, a gap, one subject) behind the API. For clues, referral hops, roles,
  races and hardening; assert on the names clue_world.py exports.
- `load_sample` (tests/support/catalogue.py, `sample_catalogue`): gaps, conflicts, stale and text-only matters, for the
  audit and the disputes; `load_world` (tests/support/inspection_data.py): subjects, inspectors and tasks, for precheck,
  merge plans and draws. Build a `Catalogue` of your own only for a region or rule none of these has.
- `bearer` (support/auth.py): the Authorization header of a fresh token for a new user of a role (and department).
- support/graph.py: the test server's home and ports per GRAPHSVC_TEST_SLOT, and `wipe`, which refuses any
  database outside the test home.

Oracles that re-derive an answer independently live here too: tests/support/reference_resolver.py (resolve),
tests/support/clue_reference.py (clue chains).
"""
