"""Small-cell suppression: nothing from 1 to 4 is shown, nothing hidden can be worked out."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_app.domain.suppression import (
    augment,
    bridges,
    is_small,
    suppress_grid,
    suppress_list,
    suppress_primary,
)
from tests.supervisor.auditor import Audit, grid_equations, list_equations

# Mostly small counts, so that suppression has work to do.
counts = st.one_of(st.integers(0, 5), st.integers(0, 30))


@st.composite
def grids(draw: st.DrawFn) -> list[list[int]]:
    m = draw(st.integers(1, 4))
    n = draw(st.integers(1, 4))
    return [[draw(counts) for _ in range(n)] for _ in range(m)]


def audit_grid(aug: list[list[int]], hidden: frozenset[tuple[int, int]]) -> list[tuple[int, int]]:
    """The hidden entries the published numbers pin down."""
    rows, cols = len(aug), len(aug[0])
    published = {
        (i, j): (None if (i, j) in hidden else aug[i][j]) for i in range(rows) for j in range(cols)
    }
    audit = Audit(grid_equations(rows, cols), published, bound=aug[-1][-1] + 5)
    return [e for e in sorted(hidden) if audit.pinned(e, aug[e[0]][e[1]])]


@settings(max_examples=150, deadline=None)
@given(grids(), st.booleans())
def test_grid_shows_no_small_count_and_pins_no_hidden_one(
    cells: list[list[int]], grand_known: bool
) -> None:
    aug = augment(cells)
    rows, cols = len(aug), len(aug[0])
    known = [(rows - 1, cols - 1)] if grand_known else []
    result = suppress_grid(aug, known)
    shown = [aug[i][j] for i in range(rows) for j in range(cols) if (i, j) not in result.entries]
    if result.withheld:
        assert all(
            (i, j) in known
            for i in range(rows)
            for j in range(cols)
            if (i, j) not in result.entries
        )
        return
    assert not any(is_small(v) for v in shown)
    assert all(aug[i][j] >= 1 for i, j in result.entries)  # a hidden 0 protects nothing
    assert not set(known) & result.entries
    assert audit_grid(aug, result.entries) == []


@settings(max_examples=150, deadline=None)
@given(st.lists(counts, min_size=1, max_size=7), st.booleans())
def test_list_shows_no_small_count_and_pins_no_hidden_one(
    values: list[int], total_known: bool
) -> None:
    total = sum(values)
    k = len(values)
    result = suppress_list(values, total, total_known)
    members = [*values, total]
    if result.withheld:
        assert is_small(total) and total_known
        return
    hidden = {i for i, _ in result.entries}
    assert not any(is_small(members[i]) for i in range(k + 1) if i not in hidden)
    if total_known:
        assert k not in hidden
    published = {(i, 0): (None if i in hidden else members[i]) for i in range(k + 1)}
    audit = Audit(list_equations(k), published, bound=total + 5)
    assert [i for i in sorted(hidden) if audit.pinned((i, 0), members[i])] == []


@given(st.lists(counts, max_size=10))
def test_primary_only_list_hides_exactly_the_small_counts(values: list[int]) -> None:
    result = suppress_primary(values)
    assert {i for i, _ in result.entries} == {i for i, v in enumerate(values) if is_small(v)}


def test_the_auditor_catches_primary_only_suppression() -> None:
    aug = augment([[3, 10], [8, 9]])
    primary_only = frozenset((i, j) for i in range(3) for j in range(3) if is_small(aug[i][j]))
    assert primary_only == {(0, 0)}
    assert audit_grid(aug, primary_only) == [(0, 0)]
    # Hiding a second cell in its row is not enough either: the column still gives it away.
    assert audit_grid(aug, primary_only | {(0, 1)}) == [(0, 0), (0, 1)]
    assert audit_grid(aug, suppress_grid(aug).entries) == []


def test_two_protected_blocks_joined_by_one_cell_are_caught_and_fixed() -> None:
    # Each row and column with a hidden cell has two of them, yet (0, 2) is a bridge.
    cells = [
        [2, 3, 1, 20, 20],
        [3, 2, 20, 20, 20],
        [20, 20, 2, 3, 20],
        [20, 20, 3, 2, 20],
    ]
    aug = augment(cells)
    primary = frozenset((i, j) for i in range(4) for j in range(5) if is_small(cells[i][j]))
    assert bridges(primary) == [(0, 2)]
    assert audit_grid(aug, primary) == [(0, 2)]
    result = suppress_grid(aug)
    assert bridges(result.entries) == []
    assert audit_grid(aug, result.entries) == []


def test_complements_prefer_inner_cells_and_small_counts() -> None:
    aug = augment([[3, 40, 9], [30, 50, 7], [12, 60, 80]])
    result = suppress_grid(aug, [(3, 3)])
    assert result.entries == {(0, 0), (0, 2), (1, 0), (1, 2)}


def test_a_small_total_is_hidden_with_a_partner() -> None:
    aug = augment([[2, 1], [10, 12]])  # the first row's total is 3
    result = suppress_grid(aug, [(2, 2)])
    assert (0, 2) in result.entries
    assert audit_grid(aug, result.entries) == []
