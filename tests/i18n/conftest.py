"""Fixtures for the i18n tests: a translations folder with a few hand-written entries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from clinic_app import i18n, resources

# A handful of Spanish strings, for tests only: the shipped catalogues are filled later.
SPANISH = {
    "Sign in": "Iniciar sesión",
    "Language of the screens": "Idioma de las pantallas",
    ("{count} record", "{count} records"): (
        "{count} expediente",
        "{count} de expedientes",  # CLDR's "many": whole millions ("1 millón de")
        "{count} expedientes",
    ),
}


def write_catalogue(
    root: Path,
    code: str,
    entries: dict[object, object],
    contexts: dict[tuple[str, str], str] | None = None,
) -> None:
    """Compiles ``entries`` (msgid: msgstr) and ``contexts`` ((msgctxt, msgid): msgstr)."""
    catalog = Catalog(locale=code, domain=i18n.DOMAIN)
    for msgid, msgstr in entries.items():
        if msgstr is not None:
            catalog.add(msgid, msgstr)  # type: ignore[arg-type]
    for (context, msgid), msgstr in (contexts or {}).items():
        catalog.add(msgid, msgstr, context=context)
    folder = root / "translations" / code / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{i18n.DOMAIN}.mo").open("wb") as handle:
        write_mo(handle, catalog)


@pytest.fixture
def fixture_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An app root whose Spanish catalogue has SPANISH; other languages have none."""
    (tmp_path / "resources").symlink_to(resources.root() / "resources")
    write_catalogue(tmp_path, "es", SPANISH)  # type: ignore[arg-type]
    monkeypatch.setenv("CLINIC_INTAKE_ROOT", str(tmp_path))
    i18n.translation.cache_clear()
    try:
        yield tmp_path
    finally:
        i18n.set_language(i18n.SOURCE_LANGUAGE)
        monkeypatch.delenv("CLINIC_INTAKE_ROOT")
        i18n.translation.cache_clear()


@pytest.fixture
def app(plain_app: object) -> object:
    """The Qt application, English, left to right, plain style (tests/conftest.py)."""
    return plain_app
