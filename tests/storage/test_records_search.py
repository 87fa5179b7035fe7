"""Search across scripts, property-based, on a real vault.

Names are generated from the demo-data syllables of all eleven languages. A
stored name is found by any folded prefix of one of its words (for Han and
Hangul, by any run of its characters), and a query finds exactly the records
an independent oracle says it should: no false matches across records.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_app.domain.textfold import fold
from clinic_app.storage import keyslots
from clinic_app.storage.demo import SCRIPTS
from clinic_app.storage.records import RecordFilter, Records
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE, TEST_PARAMS
from tests.storage.records_support import make_record

SPACELESS = {"zh_Hant", "ko"}


@st.composite
def names(draw: st.DrawFn) -> tuple[str, str, str]:
    language = draw(st.sampled_from(sorted(SCRIPTS)))
    first, second = SCRIPTS[language]
    pool = first + second
    given = "".join(draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3)))
    family = "".join(draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3)))
    if language == "ar" and draw(st.booleans()):
        family = "ال" + family  # the article: found with and without it
    if draw(st.booleans()) and language not in SPACELESS:
        given, family = given.upper(), family.capitalize()
    return language, given, family


def written(language: str, given: str, family: str) -> str:
    """The full name as the list shows it (family first for Chinese and Korean)."""
    if language in SPACELESS:
        return family + given
    return f"{given} {family}"


def spaceless(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith(("CJK", "HANGUL"))


def oracle_tokens(name: str) -> list[str]:
    """Folded words; Han/Hangul characters one by one; Arabic words also without ال."""
    out: list[str] = []
    for word in fold(name).split():
        if all(spaceless(ch) for ch in word):
            out.extend(word)
            continue
        out.append(word)
        if word.startswith("ال") and len(word) > 3:
            out.append(word[2:])
    return out


def oracle_match(query: str, name: str) -> bool:
    tokens = oracle_tokens(name)
    for word in fold(query).split():
        if all(spaceless(ch) for ch in word):
            n = len(word)
            if not any(tokens[i : i + n] == list(word) for i in range(len(tokens))):
                return False
        elif not any(t.startswith(word) for t in tokens):
            return False
    return True


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Records, dict[str, str]]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(keyslots, "CURRENT_PARAMS", TEST_PARAMS)
        path = tmp_path_factory.mktemp("search") / "v.vault"
        vault = Vault.create(path, "sam", PASSPHRASE)
    yield Records(vault, today=lambda: date(2026, 11, 27)), {}
    vault.close()


def found(records: Records, query: str) -> set[str]:
    return {r.record_id for r in records.rows(0, 10_000, RecordFilter(text=query))}


SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


@settings(max_examples=150, deadline=None, suppress_health_check=SLOW)
@given(name=names(), data=st.data())
def test_a_stored_name_is_found_by_a_folded_part_of_itself(
    store: tuple[Records, dict[str, str]], name: tuple[str, str, str], data: st.DataObject
) -> None:
    records, stored = store
    language, given_name, family = name
    rid = records.create(make_record(given_name=given_name, family_name=family))
    stored[rid] = f"{given_name} {family}"
    in_order = records.create(
        make_record(given_name=given_name, family_name=family, client_language=language)
    )
    stored[in_order] = written(language, given_name, family)
    assert rid in found(records, stored[rid]) and in_order in found(records, stored[in_order])
    word = data.draw(st.sampled_from([given_name, family]))
    folded = fold(word)
    if language in SPACELESS:
        start = data.draw(st.integers(0, len(folded) - 1))
        end = data.draw(st.integers(start + 1, len(folded)))
    else:
        start, end = 0, data.draw(st.integers(1, len(folded)))
    part = folded[start:end]
    query = data.draw(st.sampled_from([part, part.upper(), word[: max(1, end)]]))
    assert rid in found(records, query), (query, stored[rid])


@settings(max_examples=60, deadline=None, suppress_health_check=SLOW)
@given(batch=st.lists(names(), min_size=2, max_size=6), pick=st.integers(0, 5))
def test_queries_find_exactly_the_matching_records(
    store: tuple[Records, dict[str, str]], batch: list[tuple[str, str, str]], pick: int
) -> None:
    records, stored = store
    for language, given_name, family in batch:
        rid = records.create(
            make_record(given_name=given_name, family_name=family, client_language=language)
        )
        stored[rid] = written(language, given_name, family)
    language, given_name, family = batch[pick % len(batch)]
    for query in (written(language, given_name, family), family, given_name):
        expected = {rid for rid, name in stored.items() if oracle_match(query, name)}
        assert found(records, query) == expected, query
