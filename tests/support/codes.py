"""Check characters written out from the standards, independent of graphsvc.uscc and the generator."""

from __future__ import annotations


def gb32100_check(first17: str) -> str:
    """GB 32100-2015 check character, written out from the standard (weights 3^i mod 31)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    total = sum(alphabet.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return alphabet[(31 - total % 31) % 31]


def gb11714_check(body: str) -> str:
    """GB 11714-1997 organisation code check character, written out from the standard."""
    total = sum(w * int(c, 36) for w, c in zip((3, 7, 9, 10, 5, 8, 4, 2), body, strict=True))
    return {10: "X", 11: "0"}.get(11 - total % 11, str(11 - total % 11))
