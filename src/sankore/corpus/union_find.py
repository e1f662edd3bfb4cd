"""Union-find (disjoint sets) over any hashable keys, with path halving.

Written here rather than taken from a library: the corpus views need only `find` and
`union`, and the libraries that have them (networkx, scipy's connected components) would
build a whole graph or matrix for what is a dictionary of parents. One definition for the
three places that group things: events merged in memory (`merge`), stored corpus events
joined by a batch (`stored`), near-duplicate clusters (`dedupe_store`).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class UnionFind(Generic[K]):
    def __init__(self) -> None:
        self.parent: dict[K, K] = {}

    def find(self, x: K) -> K:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: K, b: K) -> None:
        """Join the sets of `a` and `b`; the root of `b`'s set becomes the root of both."""
        self.parent[self.find(a)] = self.find(b)
