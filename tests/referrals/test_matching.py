"""Matching: permutation, detained first, independence from unrelated providers, reasons."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_app.i18n import translation
from clinic_app.referrals.directory import ACCESS, BOROUGHS, SERVICES, Provider, parse_csv
from clinic_app.referrals.directory_store import demo_csv
from clinic_app.referrals.matching import (
    DETAINED,
    LANGUAGE,
    Needs,
    needs_of,
    rank,
)
from tests.storage.records_support import outcome_for

TODAY = date(2026, 11, 27)
LANGS = ("en", "es", "ar", "bn", "zh_Hant")

providers_st = st.builds(
    Provider,
    name=st.text("abcdefgh ", min_size=1, max_size=6).filter(str.strip),
    services=st.frozensets(st.sampled_from(SERVICES), min_size=1),
    languages=st.frozensets(st.sampled_from(LANGS), min_size=1),
    boroughs=st.frozensets(st.sampled_from(BOROUGHS)),
    zip_prefixes=st.lists(st.sampled_from(("10", "112", "11372")), max_size=2).map(tuple),
    phone=st.just("(212) 555-0100"),
    access=st.sampled_from(ACCESS),
)
needs_st = st.builds(
    Needs,
    services=st.frozensets(st.sampled_from(SERVICES)),
    pressing_services=st.frozensets(st.sampled_from(SERVICES)),
    detained=st.booleans(),
    urgency=st.sampled_from(("emergency", "urgent", "priority", "routine")),
    language=st.sampled_from(LANGS),
    zip_code=st.sampled_from((None, "10451", "11372", "11201", "07030")),
)


def ident(p: Provider) -> int:
    return id(p)


@settings(max_examples=80, deadline=None)
@given(st.lists(providers_st, max_size=8), needs_st)
def test_ranking_is_a_permutation_and_deterministic(ps: list[Provider], needs: Needs) -> None:
    ranked = rank(ps, needs)
    assert sorted(map(ident, (s.provider for s in ranked))) == sorted(map(ident, ps))
    assert [s.provider for s in rank(list(reversed(ps)), needs)] == [s.provider for s in ranked]


@settings(max_examples=80, deadline=None)
@given(st.lists(providers_st, min_size=1, max_size=8), needs_st)
def test_a_detained_client_sees_a_detained_provider_first(ps: list[Provider], needs: Needs) -> None:
    needs = Needs(
        needs.services | {"detained"},
        needs.pressing_services,
        True,
        "emergency",
        needs.language,
        needs.zip_code,
    )
    ranked = rank(ps, needs)
    if any("detained" in p.services for p in ps):
        assert "detained" in ranked[0].provider.services
        assert any(r.message == DETAINED for r in ranked[0].reasons)


@settings(max_examples=80, deadline=None)
@given(st.lists(providers_st, max_size=8), providers_st, needs_st)
def test_adding_a_provider_keeps_the_order_of_the_others(
    ps: list[Provider], extra: Provider, needs: Needs
) -> None:
    before = [id(s.provider) for s in rank(ps, needs)]
    after = [id(s.provider) for s in rank([*ps, extra], needs) if s.provider is not extra]
    assert after == before


def test_needs_from_a_stored_outcome() -> None:
    outcome = outcome_for(
        {
            "detained": True,
            "next_hearing_date": TODAY + timedelta(days=10),
            "fear_of_return": True,
            "last_entry_date": TODAY - timedelta(days=200),
        }
    )
    needs = needs_of(outcome, TODAY, "es", "11372")
    assert needs.detained and needs.urgency == "emergency"
    assert {"detained", "removal_defense", "asylum"} <= needs.services
    routine = needs_of(outcome_for({"fear_of_return": False}), TODAY, "en")
    assert not routine.detained and "asylum" not in routine.services


def test_demo_directory_ranking_with_reasons_in_the_ui_language() -> None:
    ps = parse_csv(demo_csv())
    outcome = outcome_for({"detained": True, "next_hearing_date": TODAY + timedelta(days=5)})
    ranked = rank(ps, needs_of(outcome, TODAY, "ar", "10451"))
    top = ranked[0]
    assert "detained" in top.provider.services
    texts = [r.text(translation("en").gettext) for r in top.reasons]
    assert texts[0] == "Takes detained cases"
    assert any("Removal defense" in t for t in texts)
    assert any(r.message == LANGUAGE for r in top.reasons)
