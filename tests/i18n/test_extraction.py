"""Every message the code can show is extracted, in clinic.pot and translated in all ten.

The template is regenerated from the code as ``make extract-messages`` does;
the source is also scanned for translating helpers extraction cannot see.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import clinic_app
from clinic_app.i18n import extraction
from clinic_app.i18n.catalogue_check import shipped_languages

ROOT = Path(clinic_app.__file__).resolve().parent.parent
LANGS = tuple(shipped_languages())


def keywords() -> set[str]:
    return extraction.keywords_of(extraction.extract_arguments(ROOT / "Makefile"))


def test_every_message_of_the_code_is_in_the_template_and_translated() -> None:
    problems = extraction.template_problems(ROOT, LANGS)
    assert [str(p) for p in problems] == []


def test_no_text_goes_through_a_helper_extraction_does_not_know() -> None:
    hidden = extraction.hidden_translators([ROOT / "clinic_app"], keywords())
    assert [str(h) for h in hidden] == []


def test_the_makefile_recipe_is_what_the_check_runs() -> None:
    args = extraction.extract_arguments(ROOT / "Makefile")
    assert args[-1] == "clinic_app"
    assert {"_", "N_", "ngettext"} <= keywords()


HIDDEN_SOURCES = [
    # The bug of issue 12: the sheet's catalogue bound to a name extraction ignores.
    """
class Part:
    def __init__(self, language):
        self.g = translation(language).gettext
    def client(self):
        g = self.g
        return g("Date of this sheet")
""",
    # A helper that translates its parameter.
    """
def tr(message):
    return _(message)
label = tr("Where to go")
""",
    # An alias of _ under another name, and an f-string through it.
    """
t = _
heading = t(f"Your clinic {name}")
""",
    # A widget class whose constructor translates its text.
    """
class Heading(QLabel):
    def __init__(self, text):
        super().__init__(_(text))
box = Heading("This is not legal advice")
""",
]


@pytest.mark.parametrize("source", HIDDEN_SOURCES)
def test_a_hidden_translator_is_found(tmp_path: Path, source: str) -> None:
    module = tmp_path / "module.py"
    module.write_text(source, encoding="utf-8")
    assert len(extraction.hidden_translators([module], keywords())) == 1


@pytest.mark.parametrize(
    "source",
    [
        'g = translation(code).gettext\ntext = g(N_("Date of this sheet"))\n',
        "def tr(message):\n    return _(message)\nlabel = tr(LABELS[key])\n",
        'gettext = translation(code).gettext\nx = gettext("Extracted: a keyword")\n',
        'x = _("Name") + ": " + value\n',
    ],
)
def test_marked_text_passes(tmp_path: Path, source: str) -> None:
    module = tmp_path / "module.py"
    module.write_text(source, encoding="utf-8")
    assert extraction.hidden_translators([module], keywords()) == []


def _tree(tmp_path: Path, code: str) -> Path:
    """A source tree with the project's Makefile and catalogues and one module."""
    root = tmp_path / "tree"
    (root / "packaging").mkdir(parents=True)
    shutil.copy(ROOT / "Makefile", root / "Makefile")
    shutil.copy(ROOT / "packaging" / "babel.cfg", root / "packaging" / "babel.cfg")
    (root / "clinic_app").mkdir()
    (root / "clinic_app" / "labels.py").write_text(code, encoding="utf-8")
    shutil.copytree(ROOT / "translations", root / "translations")
    return root


def _set(root: Path, msgid: str, languages: tuple[str, ...], text: str | None) -> None:
    """Adds ``msgid`` to the template, and to the catalogues of ``languages``."""
    from babel.messages.pofile import read_po, write_po

    paths = [root / "translations" / "clinic.pot"]
    paths += [root / "translations" / c / "LC_MESSAGES" / "clinic.po" for c in languages]
    for path in paths:
        with path.open("rb") as handle:
            catalog = read_po(handle)
        catalog.add(msgid)
        catalog[msgid].string = "" if path.suffix == ".pot" else (text or "")
        with path.open("wb") as handle:
            write_po(handle, catalog, width=76)


def test_a_new_label_fails_until_all_ten_catalogues_translate_it(tmp_path: Path) -> None:
    new = "Bring your lease to the appointment"
    root = _tree(tmp_path, f'from clinic_app.i18n import N_\nLABEL = N_("{new}")\n')

    def problems() -> set[tuple[str, str]]:
        found = extraction.template_problems(root, LANGS)
        return {(p.where, p.msgid) for p in found}

    assert ("clinic.pot", new) in problems()  # not yet extracted
    _set(root, new, LANGS, None)
    assert {where for where, msgid in problems() if msgid == new} == set(LANGS)
    _set(root, new, LANGS[:9], "translated")
    assert {where for where, msgid in problems() if msgid == new} == {LANGS[9]}
    _set(root, new, LANGS[9:], "translated")
    assert (LANGS[9], new) not in problems()
