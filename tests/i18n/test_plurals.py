"""Plural forms: each catalogue's Plural-Forms is right for its language, and ngettext uses it."""

from __future__ import annotations

import gettext
from io import BytesIO
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.mofile import write_mo

from clinic_app import i18n
from clinic_app.i18n import catalogue_check as cc

NPLURALS = {
    "ar": 6,  # zero, one, two, few, many, other
    "ru": 3,
    "pl": 3,
    "es": 3,  # one, many (millions: "1 millón de"), other
    "fr": 3,
    "bn": 2,
    "ur": 2,
    "ht": 2,  # CLDR has no plural rule for ht; Babel's default n != 1 is harmless
    "zh_Hant": 1,
    "ko": 1,
}
# n -> form index, written out by hand for the languages with most forms.
EXPECTED = {
    "ar": {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 101: 5, 103: 3, 111: 4},
    "ru": {1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 21: 0, 22: 1, 25: 2, 111: 2, 101: 0},
    "pl": {1: 0, 2: 1, 4: 1, 5: 2, 12: 2, 21: 2, 22: 1, 25: 2, 102: 1, 112: 2},
    "ko": {0: 0, 1: 0, 2: 0, 100: 0},
    "zh_Hant": {0: 0, 1: 0, 2: 0, 100: 0},
    "fr": {0: 0, 1: 0, 2: 2, 1_000_000: 1},
    "bn": {0: 0, 1: 0, 2: 1},
}
SAMPLES = [*range(0, 1200), 1_000_000, 2_000_000, 1_000_001]
PROBE = ("{n} plural-form probe", "{n} plural-form probes")


def compiled(code: str) -> gettext.GNUTranslations:
    """The shipped catalogue's header with one plural message whose forms name their index."""
    catalog = cc.read_catalog(cc.po_path(code))
    forms = tuple(f"form {i} {{n}}" for i in range(catalog.num_plurals))
    # A msgid no real message uses, so the probe never meets a shipped entry.
    catalog.add(PROBE, forms, flags=["python-brace-format"])
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@pytest.mark.parametrize("code", list(NPLURALS))
def test_every_catalogue_has_its_languages_number_of_forms(code: str) -> None:
    assert cc.read_catalog(cc.po_path(code)).num_plurals == NPLURALS[code]


@pytest.mark.parametrize("code", list(EXPECTED))
def test_ngettext_picks_the_right_form(code: str) -> None:
    catalogue = compiled(code)
    for n, index in EXPECTED[code].items():
        assert catalogue.ngettext(*PROBE, n) == f"form {index} {{n}}", n


@pytest.mark.parametrize("code", list(NPLURALS))
def test_each_form_matches_one_cldr_category(code: str) -> None:
    # The header's formula agrees with CLDR: every number given one gettext form
    # falls in the same CLDR plural category.
    catalogue = compiled(code)
    rule = Locale.parse(code).plural_form
    categories: dict[str, set[str]] = {}
    for n in SAMPLES:
        form = catalogue.ngettext(*PROBE, n)
        categories.setdefault(form, set()).add(rule(n))
    assert all(len(c) == 1 for c in categories.values()), categories
    assert len(categories) == NPLURALS[code]


def test_translation_layer_ngettext(fixture_root: Path) -> None:
    i18n.set_language("es")
    assert i18n.ngettext("{count} record", "{count} records", 1) == "{count} expediente"
    assert i18n.ngettext("{count} record", "{count} records", 3) == "{count} expedientes"
    i18n.set_language("ko")  # no translation yet: English forms, chosen the English way
    assert i18n.ngettext("{count} record", "{count} records", 1) == "{count} record"
    i18n.set_language("es")
    assert i18n.ngettext("{count} record", "{count} records", 2_000_000) == "{count} de expedientes"
