"""Authenticated tokens kept in process for a few seconds, so that a request does not look its token up in Neo4j.

A revocation, sign-out or role change made in this process forgets the affected entries of every cache of the
process at once; one made elsewhere (another API process, the CLI) takes effect here when the entry expires,
after at most `ttl` seconds (GRAPHSVC_AUTH_CACHE_SECONDS; 0 turns the cache off). Only successful look-ups are
kept: an unknown token is asked for every time, so that a freshly issued one works at once.
"""

from __future__ import annotations

import threading
import time
import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # identity calls forget_everywhere: no import cycle at run time
    from graphsvc.identity import User

_LIMIT = 10_000  # entries; past it the cache starts again (a burst of distinct tokens must not grow memory)
_caches: weakref.WeakSet[TokenCache] = weakref.WeakSet()
_caches_lock = threading.Lock()


class TokenCache:
    """Users by token hash, each for `ttl` seconds after it was read from the graph."""

    def __init__(self, ttl: float):
        self.ttl = ttl
        self._entries: dict[str, tuple[float, User]] = {}
        self._lock = threading.Lock()
        with _caches_lock:
            _caches.add(self)

    def get(self, token_hash: str) -> User | None:
        with self._lock:
            hit = self._entries.get(token_hash)
        if hit is None or time.monotonic() >= hit[0]:
            return None
        return hit[1]

    def put(self, token_hash: str, user: User) -> None:
        if self.ttl <= 0:
            return
        with self._lock:
            if len(self._entries) >= _LIMIT:
                self._entries.clear()
            self._entries[token_hash] = (time.monotonic() + self.ttl, user)

    def forget(self, token_id: str | None = None, user_id: str | None = None) -> None:
        with self._lock:
            for key, (_, user) in list(self._entries.items()):
                if user.token_id == token_id or user.id == user_id:
                    del self._entries[key]


def forget_everywhere(token_id: str | None = None, user_id: str | None = None) -> None:
    """Called by whatever revokes a token or session or changes a user: every cache of the process forgets it."""
    with _caches_lock:
        caches = list(_caches)
    for cache in caches:
        cache.forget(token_id=token_id, user_id=user_id)
