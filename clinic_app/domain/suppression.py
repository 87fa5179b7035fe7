"""Small-cell suppression for the aggregate report: no count from 1 to 4 is shown.

A table of counts is published with its row totals, column totals and grand
total. Every entry from 1 to 4 is suppressed (primary suppression). Then
complementary suppression makes sure none of them can be worked out from what
is still shown.

Why the method is exact. Write the table with its totals as an
(m + 1) x (n + 1) array whose last row and column are the totals, and negate
the totals: every row and every column then sums to zero. The unknowns an
attacker faces are the suppressed entries; the ways they can change while every
published number stays the same are exactly the cycles of the bipartite graph
whose nodes are the rows and columns and whose edges are the suppressed
entries (add one, subtract one, alternately, around a cycle). An entry that
lies on no cycle (a *bridge*) is fixed by the published numbers; an entry on a
cycle can move by one either way as long as every suppressed entry is at least
1. So the rule is: suppress only entries of at least 1 (a suppressed 0 protects
nothing once someone guesses it is 0), and keep adding suppressions until the
graph has no bridge. To break a bridge we add the cheapest path of published,
non-zero entries that closes a cycle through it (Dijkstra; cost = the count,
totals cost more than inner cells so funders keep their totals).

Entries known elsewhere (the number of intakes in the period, shown by every
table; each program's row total in the outcome table) are marked ``known``:
they are never suppressed and count as published.

One-column tables (a list of categories with a total) are the special case of
a single sum: two or more suppressed entries of at least 1 can always trade.
Lists whose entries do not add up to a published number (a client can have
several referral needs) need only primary suppression.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final

SMALL_MIN: Final = 1
SMALL_MAX: Final = 4
_TOTAL_COST: Final = 1_000_000  # a total is suppressed only when no inner path exists

Entry = tuple[int, int]  # (row, column) in the augmented array; m and n are the totals


def is_small(value: int) -> bool:
    """True for the counts that must never be shown (1 to 4)."""
    return SMALL_MIN <= value <= SMALL_MAX


def augment(cells: Sequence[Sequence[int]]) -> list[list[int]]:
    """The table with a total column, a total row and the grand total."""
    m = len(cells)
    n = len(cells[0]) if m else 0
    out = [[*row, sum(row)] for row in cells]
    out.append([sum(cells[i][j] for i in range(m)) for j in range(n)] + [0])
    out[m][n] = sum(out[m][:n])
    return out


@dataclass(frozen=True)
class Suppressed:
    """The outcome for one table: which augmented entries are hidden.

    ``withheld`` means no safe pattern exists; the whole table is hidden
    except entries known elsewhere.
    """

    entries: frozenset[Entry]
    withheld: bool = False


def suppress_grid(aug: Sequence[Sequence[int]], known: Iterable[Entry] = ()) -> Suppressed:
    """Primary and complementary suppression for an augmented two-way table.

    ``aug`` is the output of :func:`augment` (totals last). ``known`` lists
    entries published elsewhere: never suppressed.
    """
    rows, cols = len(aug), len(aug[0])
    fixed = set(known)
    every = [(i, j) for i in range(rows) for j in range(cols)]
    hidden = {e for e in every if is_small(aug[e[0]][e[1]])}
    if hidden & fixed:
        return _withheld(every, fixed)
    while True:
        bridge = _first_bridge(hidden)
        if bridge is None:
            return Suppressed(frozenset(hidden))
        path = _cheapest_cycle(aug, hidden, fixed, bridge)
        if path is None:
            return _withheld(every, fixed)
        hidden.update(path)


def suppress_list(values: Sequence[int], total: int, total_known: bool) -> Suppressed:
    """A one-column table and its total: entries ``0..k-1``, the total is ``k``."""
    members = [*values, total]
    k = len(values)
    hidden = {i for i, v in enumerate(members) if is_small(v)}
    if total_known and k in hidden:
        return Suppressed(frozenset((i, 0) for i in range(k)), withheld=True)
    if len(hidden) == 1:
        choices = [
            (i == k, members[i], i)
            for i in range(len(members))
            if i not in hidden and members[i] > 0 and not (i == k and total_known)
        ]
        if not choices:
            return Suppressed(frozenset((i, 0) for i in range(k)), withheld=True)
        hidden.add(min(choices)[2])
    return Suppressed(frozenset((i, 0) for i in hidden))


def suppress_primary(values: Sequence[int]) -> Suppressed:
    """A list whose entries add up to nothing published: hide only 1 to 4."""
    return Suppressed(frozenset((i, 0) for i, v in enumerate(values) if is_small(v)))


def _withheld(every: Sequence[Entry], fixed: set[Entry]) -> Suppressed:
    return Suppressed(frozenset(e for e in every if e not in fixed), withheld=True)


Node = tuple[str, int]


def _edges(hidden: Iterable[Entry]) -> dict[Node, list[tuple[Node, Entry]]]:
    graph: dict[Node, list[tuple[Node, Entry]]] = {}
    for i, j in sorted(hidden):
        r, c = ("r", i), ("c", j)
        graph.setdefault(r, []).append((c, (i, j)))
        graph.setdefault(c, []).append((r, (i, j)))
    return graph


def bridges(hidden: Iterable[Entry]) -> list[Entry]:
    """The suppressed entries that lie on no cycle (those the margins pin down)."""
    graph = _edges(hidden)
    order: dict[Node, int] = {}
    low: dict[Node, int] = {}
    found: list[Entry] = []
    for root in sorted(graph):
        if root in order:
            continue
        order[root] = low[root] = len(order)
        # Iterative DFS: (node, entry used to reach it, iterator over neighbours).
        stack: list[tuple[Node, Entry | None, Iterator[tuple[Node, Entry]]]] = [
            (root, None, iter(graph[root]))
        ]
        while stack:
            node, via, it = stack[-1]
            advanced = False
            for nxt, entry in it:
                if entry == via:
                    continue
                if nxt in order:
                    low[node] = min(low[node], order[nxt])
                else:
                    order[nxt] = low[nxt] = len(order)
                    stack.append((nxt, entry, iter(graph[nxt])))
                    advanced = True
                    break
            if advanced:
                continue
            stack.pop()
            if stack:
                parent = stack[-1][0]
                low[parent] = min(low[parent], low[node])
                if low[node] > order[parent]:
                    assert via is not None
                    found.append(via)
    return sorted(found)


def _first_bridge(hidden: set[Entry]) -> Entry | None:
    found = bridges(hidden)
    return found[0] if found else None


def _cheapest_cycle(
    aug: Sequence[Sequence[int]], hidden: set[Entry], fixed: set[Entry], bridge: Entry
) -> list[Entry] | None:
    """New entries closing a cycle through ``bridge``, as cheaply as possible, or None."""
    rows, cols = len(aug), len(aug[0])

    def cost(i: int, j: int) -> int | None:
        if (i, j) == bridge:
            return None
        if (i, j) in hidden:
            return 0
        value = aug[i][j]
        if value <= 0 or (i, j) in fixed:
            return None
        return value + (_TOTAL_COST if i == rows - 1 or j == cols - 1 else 0)

    start: Node = ("r", bridge[0])
    goal: Node = ("c", bridge[1])
    best: dict[Node, int] = {start: 0}
    back: dict[Node, tuple[Node, Entry]] = {}
    queue: list[tuple[int, Node]] = [(0, start)]
    while queue:
        dist, node = heapq.heappop(queue)
        if node == goal:
            break
        if dist > best.get(node, dist):
            continue
        kind, k = node
        steps = (
            [(("c", j), (k, j)) for j in range(cols)]
            if kind == "r"
            else [(("r", i), (i, k)) for i in range(rows)]
        )
        for nxt, entry in steps:
            w = cost(*entry)
            if w is None:
                continue
            if dist + w < best.get(nxt, dist + w + 1):
                best[nxt] = dist + w
                back[nxt] = (node, entry)
                heapq.heappush(queue, (dist + w, nxt))
    if goal not in best:
        return None
    path: list[Entry] = []
    node = goal
    while node != start:
        node, entry = back[node]
        if entry not in hidden:
            path.append(entry)
    return path


__all__ = [
    "SMALL_MAX",
    "SMALL_MIN",
    "Suppressed",
    "augment",
    "bridges",
    "is_small",
    "suppress_grid",
    "suppress_list",
    "suppress_primary",
]
