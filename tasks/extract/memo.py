"""Memoised text functions: the rules ask the same question of one sentence or clause many times.

Every cache is registered here, so a benchmark can start each run as cold as a user's first.
"""
from __future__ import annotations

from functools import lru_cache

TEXT_CACHES: list = []


def text_cache(maxsize: int):
    """lru_cache for a pure function of text (its results must be immutable: tuples, strings)."""
    def decorate(function):
        cached = lru_cache(maxsize=maxsize)(function)
        TEXT_CACHES.append(cached)
        return cached
    return decorate


def clear_text_caches() -> None:
    for cached in TEXT_CACHES:
        cached.cache_clear()
