"""Small-cell suppression across every report a site has released.

A report publishes, for one period, the number of intakes and one table per
countable dimension (``domain/report.py``). Counts from 1 to 4 are hidden
(primary suppression). The reader of all released reports knows a linear
system: every shown count, zeros and totals included, is a sum of monthly
counts; every hidden count is at least 1 (zeros are always shown, so a
hidden cell is never 0); in each month, each one-per-intake dimension adds up
to that month's intakes and each several-per-intake dimension (referral
needs, services) is at most that. :class:`Auditor` gives, by linear
programming (HiGHS), the lowest and highest value every protected quantity
can take given that whole system. A quantity is safe when that interval is
at least :data:`PROTECTION` wide.

Protected quantities: every hidden cell of every release, and every monthly
(more exactly, every *atom*: months that no release tells apart) count from
1 to 4: January, February and the first quarter released together pin
March, which was never released on its own.

:func:`protect` chooses a new release's hidden cells: the small ones, then
complementary cells, one at a time, each time the smallest count in the same
table that makes the exposed quantity safe (least information lost, greedily;
tau-Argus and sdcTable solve the same problem with exact optimisation). A
table that cannot be protected is withheld whole. Quantities already exposed
by earlier releases, which nothing new can repair, are reported, not hidden.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

SMALL_MIN: Final = 1
SMALL_MAX: Final = 4
PROTECTION: Final = 5  # every protected quantity ranges over at least this width
_EPS: Final = 1e-6
TOTAL: Final = "_n"  # the dimension of the intakes total; its one category is "all"
UNSEEN: Final = "~"  # in the auditor: every category of a table not seen so far

Cell = tuple[str, str]  # (dimension, category)
Counts = Mapping[str, Mapping[Cell, int]]  # month (YYYY-MM) -> cell -> count


def is_small(value: int) -> bool:
    """True for the counts that must never be shown (1 to 4)."""
    return SMALL_MIN <= value <= SMALL_MAX


@dataclass(frozen=True)
class Release:
    """What one report published.

    ``cells[dim][category]`` is the shown count or None (hidden); a dimension
    missing from ``cells`` was withheld; a category missing from a dimension
    that is present was published as zero (lists leave out empty categories).
    ``intakes`` is None when it was from 1 to 4 and nothing was published.
    """

    months: tuple[str, ...]
    intakes: int | None
    cells: Mapping[str, Mapping[str, int | None]]
    withheld: bool = False  # nothing at all published: its totals would expose small counts

    def hidden(self) -> list[Cell]:
        return [(d, c) for d, row in self.cells.items() for c, v in row.items() if v is None]


@dataclass(frozen=True)
class Target:
    """A protected quantity: a category summed over some atoms."""

    dim: str
    category: str
    atoms: tuple[int, ...]
    why: str  # "hidden" or "small"

    def describe(self, atoms: Sequence[tuple[str, ...]]) -> str:
        months = sorted(m for a in self.atoms for m in atoms[a])
        return f"{self.dim}={self.category} over {months[0]}..{months[-1]} ({self.why})"


@dataclass(frozen=True)
class Bounds:
    low: float
    high: float  # float("inf") when unbounded

    @property
    def width(self) -> float:
        return self.high - self.low

    def safe(self) -> bool:
        return self.width >= PROTECTION - _EPS


_banner_done = False


def _highs() -> Any:
    """A quiet HiGHS instance (its first construction prints a banner on stdout)."""
    global _banner_done
    import highspy

    if not _banner_done:
        sys.stdout.flush()
        saved = os.dup(1)
        try:
            os.dup2(2, 1)
            solver = highspy.Highs()  # type: ignore[no-untyped-call]
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        _banner_done = True
    else:
        solver = highspy.Highs()  # type: ignore[no-untyped-call]
    solver.setOptionValue("output_flag", False)
    return solver


def atoms_of(releases: Sequence[Release]) -> list[tuple[str, ...]]:
    """The months of all releases grouped by the set of releases holding them."""
    groups: dict[tuple[int, ...], list[str]] = {}
    every = sorted({m for r in releases for m in r.months})
    for m in every:
        signature = tuple(i for i, r in enumerate(releases) if m in r.months)
        groups.setdefault(signature, []).append(m)
    return [tuple(v) for v in groups.values()]


class Auditor:
    """The reader's linear system over every release, and the bounds it implies."""

    def __init__(
        self,
        partition: Mapping[str, bool],
        releases: Sequence[Release],
        truth: Counts,
        totals: Sequence[int] | None = None,
    ) -> None:
        """``totals``: each atom's intakes when the full system pins them (see
        :func:`protect`); the tables are then independent and audited one by one.
        """
        import numpy as np
        from highspy import kHighsInf

        self._np = np
        self.releases = list(releases)
        self.atoms = atoms_of(self.releases)
        atom_of = {m: a for a, months in enumerate(self.atoms) for m in months}
        self.atom_truth: list[dict[Cell, int]] = []
        for months in self.atoms:
            total: dict[Cell, int] = {}
            for m in months:
                for cell, n in truth.get(m, {}).items():
                    total[cell] = total.get(cell, 0) + n
            self.atom_truth.append(total)
        universe: dict[str, set[str]] = {d: set() for d in partition}
        for r in self.releases:
            for d, row in r.cells.items():
                if d in universe:
                    universe[d].update(row)
        for t in self.atom_truth:
            for (d, c), n in t.items():
                if d in universe and n:
                    universe[d].add(c)
        # "~" stands for every category not seen in these months: zero where a
        # release published the table, unknown where none did.
        self.universe = {d: sorted({*cs, UNSEEN}) for d, cs in universe.items()}
        self.col: dict[tuple[str, str, int], int] = {}
        n_atoms = len(self.atoms)
        for a in range(n_atoms):
            self.col[(TOTAL, "all", a)] = len(self.col)
        for d, cats in self.universe.items():
            for c in cats:
                for a in range(n_atoms):
                    self.col[(d, c, a)] = len(self.col)
        h = self.h = _highs()
        size = len(self.col)
        h.addVars(size, np.zeros(size), np.full(size, kHighsInf))
        for a, value in enumerate(totals or ()):
            h.changeColBounds(self.col[(TOTAL, "all", a)], value, value)
        inf = kHighsInf

        self.rows: dict[tuple[int, str, str], int] = {}  # (release, dim, category) -> row
        self.n_rows: dict[int, int] = {}  # release -> the row of its intakes
        count = [0]

        def add_row(low: float, high: float, entries: Sequence[tuple[int, float]]) -> int:
            if not entries:
                return -1
            idx = np.array([e[0] for e in entries], dtype=np.int32)
            val = np.array([e[1] for e in entries], dtype=np.float64)
            h.addRow(low, high, len(entries), idx, val)
            count[0] += 1
            return count[0] - 1

        for a in range(n_atoms):
            n_col = self.col[(TOTAL, "all", a)]
            for d, cats in self.universe.items():
                if not cats:
                    continue
                if partition.get(d, False):
                    add_row(0, 0, [*((self.col[(d, c, a)], 1.0) for c in cats), (n_col, -1.0)])
                else:
                    for c in cats:
                        add_row(-inf, 0, [(self.col[(d, c, a)], 1.0), (n_col, -1.0)])
        for ri, r in enumerate(self.releases):
            if r.withheld:
                continue
            mine = sorted({atom_of[m] for m in r.months})
            n_cols = [(self.col[(TOTAL, "all", a)], 1.0) for a in mine]
            if r.intakes is None:
                add_row(SMALL_MIN, SMALL_MAX, n_cols)
                continue
            self.n_rows[ri] = add_row(r.intakes, r.intakes, n_cols)
            for d, given in r.cells.items():
                for c in self.universe.get(d, ()):
                    shown: int | None = given.get(c, 0)
                    entries = [(self.col[(d, c, a)], 1.0) for a in mine]
                    if shown is None:
                        self.rows[(ri, d, c)] = add_row(SMALL_MIN, inf, entries)
                    else:
                        self.rows[(ri, d, c)] = add_row(shown, shown, entries)
        self._inf = inf
        self._atom_index = atom_of

    def hide(self, release: int, dim: str, category: str) -> None:
        """Makes a published cell of ``release`` hidden (at least 1) in the system."""
        self.h.changeRowBounds(self.rows[(release, dim, category)], SMALL_MIN, self._inf)

    def show(self, release: int, dim: str, category: str, value: int) -> None:
        self.h.changeRowBounds(self.rows[(release, dim, category)], value, value)

    def withhold(self, release: int, dim: str | None = None) -> None:
        """Drops a table of ``release`` (or, with no ``dim``, everything it published)."""
        for (ri, d, _c), row in self.rows.items():
            if ri == release and (dim is None or d == dim):
                self.h.changeRowBounds(row, -self._inf, self._inf)
        if dim is None and release in self.n_rows:
            self.h.changeRowBounds(self.n_rows[release], -self._inf, self._inf)

    def target(self, release: int, dim: str, category: str) -> Target:
        r = self.releases[release]
        atoms = tuple(sorted({self._atom_index[m] for m in r.months}))
        return Target(dim, category, atoms, "hidden")

    def targets(self) -> list[Target]:
        """Every protected quantity, once each."""
        seen: dict[tuple[str, str, tuple[int, ...]], Target] = {}
        for r in self.releases:
            mine = tuple(sorted({self._atom_index[m] for m in r.months}))
            for d, c in r.hidden():
                if d not in self.universe:  # another table's auditor
                    continue
                seen.setdefault((d, c, mine), Target(d, c, mine, "hidden"))
        for a, t in enumerate(self.atom_truth):
            for (d, c), n in sorted(t.items()):
                if d in self.universe and is_small(n):
                    seen.setdefault((d, c, (a,)), Target(d, c, (a,), "small"))
        return list(seen.values())

    def bounds(self, target: Target) -> Bounds:
        """Lowest and highest value of ``target`` over the reader's system."""
        np = self._np
        import highspy

        idx = np.array([self.col[(target.dim, target.category, a)] for a in target.atoms])
        idx = idx.astype(np.int32)
        out = []
        for sign in (1.0, -1.0):
            self.h.changeColsCost(len(idx), idx, np.full(len(idx), sign))
            self.h.run()
            status = self.h.getModelStatus()
            if status == highspy.HighsModelStatus.kOptimal:
                out.append(sign * self.h.getInfo().objective_function_value)
            elif (
                status
                in (
                    highspy.HighsModelStatus.kUnbounded,
                    highspy.HighsModelStatus.kUnboundedOrInfeasible,
                )
                and sign < 0
            ):
                out.append(float("inf"))
            else:
                raise AuditError(self.h.modelStatusToString(status))
        self.h.changeColsCost(len(idx), idx, np.zeros(len(idx)))
        return Bounds(out[0], out[1])

    def safe(self, target: Target) -> bool:
        """True when the reader cannot narrow ``target`` below PROTECTION.

        Where the intakes of the target's months are themselves known to be
        fewer than PROTECTION (a report withheld as "fewer than 5 intakes",
        or totals that difference to a small month), no interval can be that
        wide: the target is safe when it can be anything from 0 to that bound,
        so the reader cannot even tell whether the category has anyone.
        """
        found = self.bounds(target)
        if found.safe():
            return True
        total = self.bounds(Target(TOTAL, "all", target.atoms, "total"))
        return total.high < PROTECTION and found.low <= _EPS and found.high >= total.high - _EPS

    def pinned_totals(self) -> list[int] | None:
        """Each atom's intakes if the system pins every one of them, else None."""
        out = []
        for a in range(len(self.atoms)):
            found = self.bounds(Target(TOTAL, "all", (a,), "total"))
            if found.width > _EPS:
                return None
            out.append(round(found.low))
        return out

    def unsafe(self, targets: Sequence[Target] | None = None) -> list[Target]:
        """The protected quantities whose interval is narrower than PROTECTION."""
        return [t for t in (targets or self.targets()) if not self.safe(t)]


class AuditError(RuntimeError):
    """The released figures contradict each other (the ledger was changed?)."""


def _period_cells(
    dims: Sequence[str], months: Sequence[str], truth: Counts
) -> tuple[int, dict[str, dict[str, int]]]:
    total = 0
    cells: dict[str, dict[str, int]] = {d: {} for d in dims}
    for m in months:
        for (d, c), n in truth.get(m, {}).items():
            if d == TOTAL:
                total += n
            elif d in cells:
                cells[d][c] = cells[d].get(c, 0) + n
    return total, cells


@dataclass
class _Draft:
    months: tuple[str, ...]
    intakes: int
    values: dict[str, dict[str, int]]
    hidden: set[Cell] = field(default_factory=set)
    withheld: set[str] = field(default_factory=set)
    nothing: bool = False

    def release(self) -> Release:
        if self.nothing:
            return Release(self.months, None, {}, withheld=True)
        cells: dict[str, dict[str, int | None]] = {}
        for d, row in self.values.items():
            if d in self.withheld:
                continue
            cells[d] = {c: (None if (d, c) in self.hidden else v) for c, v in row.items()}
        return Release(self.months, self.intakes, cells)


def protect(
    partition: Mapping[str, bool],
    earlier: Sequence[Release],
    months: Sequence[str],
    truth: Counts,
) -> tuple[Release, list[Target]]:
    """The release for ``months`` and the quantities earlier releases already expose.

    ``truth`` holds the monthly counts of every month in ``months`` and in the
    earlier releases. Only earlier releases linked to this one through shared
    months (directly or through other releases) matter: the others share no
    unknown with it. Those are audited.

    Hiding a cell only loosens the system, so a quantity found safe stays
    safe as complements are added: one full audit, then only the exposed
    quantities and the newly hidden cells are checked again.
    """
    months = tuple(months)
    intakes, values = _period_cells(list(partition), months, truth)
    related = _connected(earlier, set(months))
    if is_small(intakes):
        return _small_release(partition, related, months, truth), []
    for d, row in values.items():  # a category left out is a published zero
        values[d] = {c: v for c, v in row.items() if v}
    draft = _Draft(months, intakes, values)
    primary = {(d, c) for d, row in values.items() for c, v in row.items() if is_small(v)}
    draft.hidden = set(primary)
    joint = Auditor(partition, [*related, draft.release()], truth)
    totals = joint.pinned_totals()
    if totals is not None:
        # Every month's intakes are known: the tables no longer share an
        # unknown, so each is audited alone (an exact split, and far smaller).
        exposed: list[Target] = []
        for d in partition:
            part = Auditor({d: partition[d]}, [*related, draft.release()], truth, totals)
            found = _audit(draft, part, len(related), whole=False)
            if found is None:
                break
            exposed += found
        else:
            return draft.release(), exposed
        draft.hidden, draft.withheld = set(primary), set()
        joint = Auditor(partition, [*related, draft.release()], truth)
    found = _audit(draft, joint, len(related), whole=True)
    assert found is not None
    return draft.release(), found


def _small_release(
    partition: Mapping[str, bool],
    related: Sequence[Release],
    months: tuple[str, ...],
    truth: Counts,
) -> Release:
    """A period of 1 to 4 intakes says "fewer than 5", unless that bound, with the
    releases before it, narrows a protected count (Q1 released, then March "fewer
    than 5" pins February): then nothing at all is published. Publishing nothing
    is always safe, so any narrow quantity in the joint system withholds it.
    """
    small = Release(months, None, {})
    if related and Auditor(partition, [*related, small], truth).unsafe():
        return Release(months, None, {}, withheld=True)
    return small


def _audit(draft: _Draft, auditor: Auditor, new: int, whole: bool) -> list[Target] | None:
    """Hides complements until every quantity is safe; returns those earlier releases expose.

    ``whole``: the auditor holds every table, so withholding the whole report
    can be judged; otherwise None asks the caller for the whole system.
    """
    pending = auditor.unsafe()
    exposed: list[Target] = []
    mine = auditor.target(new, TOTAL, "all").atoms
    while pending:
        target = pending.pop(0)
        if target.why == "hidden" and target.atoms == mine and target.dim in draft.withheld:
            continue  # a cell of a table this report no longer publishes
        if auditor.safe(target):
            continue
        added = _complement(draft, auditor, new, target)
        if added is not None:
            pending += [auditor.target(new, *cell) for cell in added]
            pending.append(target)
            continue
        if target.dim not in draft.withheld and target.dim in draft.values:
            draft.withheld.add(target.dim)
            auditor.withhold(new, target.dim)
            pending.append(target)
            continue
        if not whole:
            return None
        if not draft.nothing:
            auditor.withhold(new)
            if auditor.safe(target):  # this report's totals expose it: publish nothing
                draft.nothing = True
                continue
            # Earlier releases alone expose it; nothing this report hides can help.
            _restore(draft, auditor, new)
        exposed.append(target)
    return exposed


def _restore(draft: _Draft, auditor: Auditor, new: int) -> None:
    """Puts the draft's rows back after a trial :meth:`Auditor.withhold`."""
    auditor.h.changeRowBounds(auditor.n_rows[new], draft.intakes, draft.intakes)
    for (ri, d, c), _row in auditor.rows.items():
        if ri != new or d in draft.withheld:
            continue
        if (d, c) in draft.hidden:
            auditor.hide(new, d, c)
        else:
            auditor.show(new, d, c, draft.values.get(d, {}).get(c, 0))


def _connected(earlier: Sequence[Release], months: set[str]) -> list[Release]:
    """The earlier releases linked to ``months`` through shared months, however indirectly."""
    reach, chosen = set(months), [False] * len(earlier)
    grew = True
    while grew:
        grew = False
        for i, r in enumerate(earlier):
            if not chosen[i] and reach & set(r.months):
                chosen[i], grew = True, True
                reach |= set(r.months)
    return [r for i, r in enumerate(earlier) if chosen[i]]


def _complement(draft: _Draft, auditor: Auditor, new: int, target: Target) -> list[Cell] | None:
    """Hides more cells of ``target``'s table in the new release; None when none is left.

    The smallest count that makes ``target`` safe on its own is chosen;
    failing that, the smallest one, and the caller tries again.
    """
    d = target.dim
    if d in draft.withheld or d not in draft.values:
        return None
    candidates = sorted(
        (v, c) for c, v in draft.values[d].items() if v >= SMALL_MIN and (d, c) not in draft.hidden
    )
    if not candidates:
        return None
    for _v, c in candidates:
        auditor.hide(new, d, c)
        if auditor.safe(target):
            draft.hidden.add((d, c))
            return [(d, c)]
        auditor.show(new, d, c, draft.values[d][c])
    c = candidates[0][1]
    auditor.hide(new, d, c)
    draft.hidden.add((d, c))
    return [(d, c)]


__all__ = [
    "PROTECTION",
    "SMALL_MAX",
    "SMALL_MIN",
    "TOTAL",
    "AuditError",
    "Auditor",
    "Bounds",
    "Release",
    "Target",
    "atoms_of",
    "is_small",
    "protect",
]
