"""The suppression auditor against hand-worked cases and the January/Q1/March attack."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from clinic_app.domain.suppression import Auditor, Release, Target, atoms_of, protect

P = {"lang": True}
JAN, FEB, MAR = "2026-01", "2026-02", "2026-03"


def bounds(releases: list[Release], dim: str, cat: str, months: tuple[str, ...]):  # type: ignore[no-untyped-def]
    auditor = Auditor(P, releases, {})
    atoms = tuple(i for i, a in enumerate(auditor.atoms) if set(a) <= set(months))
    b = auditor.bounds(Target(dim, cat, atoms, "test"))
    return round(b.low, 6), b.high


def test_two_hidden_cells_summing_to_two_are_both_one() -> None:
    # N = 20, shown es 18, hidden pl and ru: pl + ru = 2 and each >= 1, so both are 1.
    r = Release((JAN,), 20, {"lang": {"es": 18, "pl": None, "ru": None}})
    assert bounds([r], "lang", "pl", (JAN,)) == (1, 1)


def test_hidden_cells_with_a_big_complement_range_wide() -> None:
    # pl + es = 12, each >= 1: pl in [1, 11], width 10.
    r = Release((JAN,), 20, {"lang": {"ru": 8, "pl": None, "es": None}})
    assert bounds([r], "lang", "pl", (JAN,)) == (1, 11)


def test_printed_zeros_count() -> None:
    # A category left out is a published zero: it cannot absorb anything.
    r = Release((JAN,), 10, {"lang": {"es": 7, "pl": None, "ru": None}})
    assert bounds([r], "lang", "pl", (JAN,)) == (1, 2)


def test_several_per_intake_dimension_is_bounded_by_the_total() -> None:
    auditor = Auditor({"needs": False}, [Release((JAN,), 6, {"needs": {"daca": None}})], {})
    b = auditor.bounds(Target("needs", "daca", (0,), "test"))
    assert (round(b.low), round(b.high)) == (1, 6)


def test_january_february_q1_march_attack_is_caught() -> None:
    jan = Release((JAN,), 20, {"lang": {"pl": 5, "es": 15}})
    feb = Release((FEB,), 30, {"lang": {"es": 30}})
    q1_naive = Release((JAN, FEB, MAR), 90, {"lang": {"pl": 6, "es": 84}})
    # What the issue saw: March = 6 - 5 - 0 = 1.
    assert bounds([jan, feb, q1_naive], "lang", "pl", (MAR,)) == (1, 1)
    auditor = Auditor(P, [jan, feb, q1_naive], _truth())
    assert [t.why for t in auditor.unsafe()] == ["small"]


def _truth() -> dict[str, dict[tuple[str, str], int]]:
    return {
        JAN: {("_n", "all"): 20, ("lang", "pl"): 5, ("lang", "es"): 15},
        FEB: {("_n", "all"): 30, ("lang", "es"): 30},
        MAR: {("_n", "all"): 40, ("lang", "pl"): 1, ("lang", "es"): 39},
    }


def test_protect_hides_q1_so_march_stays_unknown() -> None:
    truth = _truth()
    jan, _ = protect(P, [], (JAN,), truth)
    feb, _ = protect(P, [jan], (FEB,), truth)
    q1, exposed = protect(P, [jan, feb], (JAN, FEB, MAR), truth)
    assert exposed == [] and q1.cells["lang"]["pl"] is None
    mar, exposed = protect(P, [jan, feb, q1], (MAR,), truth)
    assert exposed == [] and mar.cells["lang"]["pl"] is None
    auditor = Auditor(P, [jan, feb, q1, mar], truth)
    assert auditor.unsafe() == []
    low, high = bounds([jan, feb, q1, mar], "lang", "pl", (MAR,))
    assert high - low >= 5


def test_a_table_that_cannot_be_protected_is_withheld() -> None:
    # pl + es = 6: hidden, pl could be 1 to 5 only (width 4): nothing else to hide.
    truth = {JAN: {("_n", "all"): 6, ("lang", "pl"): 2, ("lang", "es"): 4}}
    release, _ = protect(P, [], (JAN,), truth)
    assert "lang" not in release.cells and release.intakes == 6
    # With 7 the pair ranges over 1 to 6 (width 5): published, both hidden.
    truth = {JAN: {("_n", "all"): 7, ("lang", "pl"): 2, ("lang", "es"): 5}}
    release, _ = protect(P, [], (JAN,), truth)
    assert release.cells == {"lang": {"pl": None, "es": None}}


def test_small_totals_publish_nothing() -> None:
    truth = {JAN: {("_n", "all"): 3, ("lang", "pl"): 3}}
    release, _ = protect(P, [], (JAN,), truth)
    assert release.intakes is None and release.cells == {}


def test_atoms_group_months_no_release_tells_apart() -> None:
    q1 = Release((JAN, FEB, MAR), 90, {})
    jan = Release((JAN,), 20, {})
    assert atoms_of([q1, jan]) == [(JAN,), (FEB, MAR)]


@pytest.mark.parametrize("width", [1, 2, 3, 4])
def test_narrow_intervals_are_unsafe(width: int) -> None:
    # pl + es = 2 + width, each >= 1: pl in [1, 1 + width].
    r = Release((JAN,), 10 + width, {"lang": {"ru": 8, "pl": None, "es": None}})
    auditor = Auditor(P, [r], {})
    assert not auditor.bounds(Target("lang", "pl", (0,), "t")).safe()


def test_issue_19_demo_row_is_not_released_solvable() -> None:
    # Issue 19 point 8: a row "*,*,0,11,13" where the hidden pair sums to 2 (both 1).
    truth = {
        JAN: {
            ("_n", "all"): 26,
            ("lang", "a"): 1,
            ("lang", "b"): 1,
            ("lang", "d"): 11,
            ("lang", "e"): 13,
        }
    }
    release, _ = protect(P, [], (JAN,), truth)
    row = release.cells["lang"]
    assert row["a"] is None and row["b"] is None and "c" not in row
    assert None in (row["d"], row["e"])  # a complement joins them
    assert Auditor(P, [release], truth).unsafe() == []


MONTHS = (JAN, FEB, MAR)
PERIODS = [(JAN,), (FEB,), (MAR,), MONTHS]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 9), min_size=4, max_size=4), min_size=3, max_size=3),
    st.permutations(range(4)),
)
# Found by this test: January empty, Q1 = 5, then March "fewer than 5" left
# February between 1 and 4.
@example([[0, 0, 0, 0], [0, 1, 0, 0], [0, 4, 0, 0]], [0, 3, 2, 1])
def test_any_release_order_leaves_nothing_narrow(counts: list[list[int]], order: list[int]) -> None:
    truth = {
        m: {
            ("_n", "all"): sum(row),
            **{("lang", c): v for c, v in zip("wxyz", row, strict=True) if v},
        }
        for m, row in zip(MONTHS, counts, strict=True)
    }
    released: list[Release] = []
    for i in order:
        release, exposed = protect(P, released, PERIODS[i], truth)
        assert exposed == []
        released.append(release)
    assert Auditor(P, released, truth).unsafe() == []
