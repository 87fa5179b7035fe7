"""An attacker's view of a published table, independent of the suppression code.

The published numbers give linear equations (each row, column and total adds
up). For a suppressed entry we search, exactly, for another table of
non-negative integers that agrees with everything published but gives that
entry a different value. Finding one proves the entry is not pinned; failing
to find one means the published numbers give it away. The search is a small
branch-and-bound over bounded integers with interval propagation (no LP
library: scipy is not a dependency), fine for the small tables hypothesis
generates. Restricting values to a box can only make the check stricter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Entry = tuple[int, int]
Equation = tuple[tuple[Entry, int], ...]  # sum(coef * x[entry]) == 0


def grid_equations(rows: int, cols: int) -> list[Equation]:
    """Row and column sums of an augmented table (totals in the last row and column)."""
    eqs: list[Equation] = []
    for i in range(rows):
        eqs.append(tuple([((i, j), 1) for j in range(cols - 1)] + [((i, cols - 1), -1)]))
    for j in range(cols):
        eqs.append(tuple([((i, j), 1) for i in range(rows - 1)] + [((rows - 1, j), -1)]))
    return eqs


def list_equations(k: int) -> list[Equation]:
    """Entries 0..k-1 add up to entry k."""
    return [tuple([((i, 0), 1) for i in range(k)] + [((k, 0), -1)])]


class Audit:
    """Equations with published values; ``alternative`` searches for another solution."""

    def __init__(
        self, equations: Sequence[Equation], published: Mapping[Entry, int | None], bound: int
    ) -> None:
        self.equations = equations
        self.published = published
        self.unknown = sorted(e for e, v in published.items() if v is None)
        self.bound = bound

    def _propagate(self, lo: dict[Entry, int], hi: dict[Entry, int]) -> bool:
        changed = True
        while changed:
            changed = False
            for eq in self.equations:
                const = 0
                terms = []
                for entry, coef in eq:
                    value = self.published[entry]
                    if value is None:
                        terms.append((entry, coef))
                    else:
                        const += coef * value
                # sum(coef * x) == -const
                target = -const
                if not terms:
                    if target != 0:
                        return False
                    continue
                smin = sum(lo[e] if c > 0 else -hi[e] for e, c in terms)
                smax = sum(hi[e] if c > 0 else -lo[e] for e, c in terms)
                if target < smin or target > smax:
                    return False
                for e, c in terms:
                    own_min = lo[e] if c > 0 else -hi[e]
                    own_max = hi[e] if c > 0 else -lo[e]
                    rest_min, rest_max = smin - own_min, smax - own_max
                    # c * x in [target - rest_max, target - rest_min]
                    a, b = target - rest_max, target - rest_min
                    new_lo, new_hi = (a, b) if c > 0 else (-b, -a)
                    if new_lo > lo[e]:
                        lo[e] = new_lo
                        changed = True
                    if new_hi < hi[e]:
                        hi[e] = new_hi
                        changed = True
                    if lo[e] > hi[e]:
                        return False
        return True

    def _solve(self, lo: dict[Entry, int], hi: dict[Entry, int]) -> bool:
        if not self._propagate(lo, hi):
            return False
        open_ = [e for e in self.unknown if lo[e] < hi[e]]
        if not open_:
            return True
        e = min(open_, key=lambda x: hi[x] - lo[x])
        mid = (lo[e] + hi[e]) // 2
        for a, b in ((lo[e], mid), (mid + 1, hi[e])):
            lo2, hi2 = dict(lo), dict(hi)
            lo2[e], hi2[e] = a, b
            if self._solve(lo2, hi2):
                return True
        return False

    def feasible_with(self, entry: Entry, low: int, high: int) -> bool:
        lo = {e: 0 for e in self.unknown}
        hi = {e: self.bound for e in self.unknown}
        lo[entry], hi[entry] = max(0, low), min(self.bound, high)
        if lo[entry] > hi[entry]:
            return False
        return self._solve(lo, hi)

    def pinned(self, entry: Entry, true_value: int) -> bool:
        """True when no other value of ``entry`` fits the published numbers."""
        return not (
            self.feasible_with(entry, 0, true_value - 1)
            or self.feasible_with(entry, true_value + 1, self.bound)
        )
