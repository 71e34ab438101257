"""Items joined into groups pair by pair (union-find), for code that groups things that touch:
crawl sources sharing a domain, pages that are copies of one article.

>>> groups = DisjointSets(4)
>>> groups.join(0, 2)
>>> groups.root(2) == groups.root(0), groups.root(1) == groups.root(0)
(True, False)
"""

from __future__ import annotations


class DisjointSets:
    """Items 0..n-1, each in one group; :meth:`join` merges two groups (path halving)."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def root(self, item: int) -> int:
        """The item that stands for ``item``'s group."""
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def join(self, a: int, b: int) -> None:
        """Put ``a``'s group and ``b``'s group together."""
        self.parent[self.root(a)] = self.root(b)
