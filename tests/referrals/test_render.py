"""Each language's sample sheet, rendered to a real PDF and read back."""

from __future__ import annotations

import subprocess

import pytest
from reportlab.pdfgen.canvas import Canvas

from clinic_app.i18n import LANGUAGES, RTL_LANGUAGES, translation
from clinic_app.referrals.fonts import FAMILIES, glyph_font
from clinic_app.referrals.pdf import render_sheet
from clinic_app.referrals.samples import PHONE, PROVIDER, SAMPLES, sample_date, sample_sheet
from clinic_app.referrals.sheet import all_text
from tests.referrals.pdfcheck import Glyph, extracted_text, glyphs, missing_glyph_draws

BENGALI = "রহিম উদ্দিন সাক্ষাতের"


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return {code: render_sheet(sample_sheet(code)) for code in LANGUAGES}


def _words(text: str) -> list[str]:
    return [w.strip(".,;:!?()،۔।") for w in text.split() if w.strip(".,;:!?()،۔।")]


@pytest.mark.parametrize("code", LANGUAGES)
def test_sample_text_comes_back_out_of_the_pdf(code: str, pdfs: dict[str, bytes]) -> None:
    pdf = pdfs[code]
    assert pdf.startswith(b"%PDF")
    text = extracted_text(pdf)
    s = SAMPLES[code]
    expected = [s.title, s.name, s.sentence, s.notice_title, s.notice_body, *s.bullets]
    expected += [s.name_label, s.date_label, s.phone_label, PROVIDER]
    for item in expected:
        for word in _words(item):
            assert word in text, (code, word)
    # Left-to-right values come back whole and in order in every language.
    assert PHONE in text, code
    assert sample_date(code).replace("\u200f", "") in text, code


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c not in RTL_LANGUAGES])
def test_poppler_copies_the_same_text(code: str, pdfs: dict[str, bytes]) -> None:
    """A second extractor (the one behind most Linux viewers) for left-to-right scripts.

    Poppler reverses multi-letter Arabic ligatures and scatters Nastaliq, so
    right-to-left sheets are read back with pypdf only (docs/referral-sheets.md).
    """
    result = subprocess.run(
        ["pdftotext", "-", "-"], input=pdfs[code], capture_output=True, check=True
    )
    text = result.stdout.decode("utf-8")
    s = SAMPLES[code]
    for item in (s.title, s.name, s.sentence, s.notice_body, PHONE):
        for word in _words(item):
            assert word in text, (code, word)


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_glyph_is_the_missing_glyph(code: str, pdfs: dict[str, bytes]) -> None:
    drawn = glyphs(pdfs[code])
    assert len(drawn) > 100, code
    assert missing_glyph_draws(pdfs[code]) == []
    # Every character of the sheet has a font that draws it before rendering, too.
    for ch in set(all_text(sample_sheet(code))):
        if ch.isspace():
            continue
        assert any(glyph_font(f.regular).covers(ch) for f in FAMILIES.values()), (code, ch)


def test_each_script_is_drawn_with_its_own_embedded_font(pdfs: dict[str, bytes]) -> None:
    def fonts_of(code: str) -> set[str]:
        return {g.font.split("+", 1)[1] for g in glyphs(pdfs[code])}

    assert any("Bengali" in f for f in fonts_of("bn"))
    assert any("Naskh" in f for f in fonts_of("ar"))
    assert any("Nastaliq" in f for f in fonts_of("ur"))
    assert any("Nanum" in f for f in fonts_of("ko"))
    assert any("WenQuanYi" in f for f in fonts_of("zh_Hant"))
    # Mixed content: the Latin provider on the Arabic sheet, the Chinese name on the English one.
    assert any(f.endswith(("-NotoSans-Regular", "-NotoSans-Bold")) for f in fonts_of("ar"))
    assert any("WenQuanYi" in f for f in fonts_of("en"))


# A label's colon as each language writes it: French sets a no-break space
# before it, Chinese uses the fullwidth colon (both from the catalogue).
COLONS = (":", "\uff1a")


def _label_text(code: str, label: str) -> str:
    return translation(code).gettext("{label}:").format(label=label)


def _label_block(drawn: list[Glyph], label: str, code: str = "en") -> list[Glyph]:
    """The glyphs of the one text line that draws exactly ``label`` and its colon."""
    want = sorted(ch for ch in _label_text(code, label) if not ch.isspace())
    for block in sorted({g.block for g in drawn}):
        line = [g for g in drawn if g.block == block]
        if sorted("".join(g.text for g in line if not g.text.isspace())) == want:
            return line
    raise AssertionError(f"no line draws {label!r}")


@pytest.mark.parametrize("code", LANGUAGES)
def test_label_colon_is_on_the_reading_side(code: str, pdfs: dict[str, bytes]) -> None:
    drawn = glyphs(pdfs[code])
    for label in (SAMPLES[code].name_label, SAMPLES[code].phone_label):
        assert any(c in _label_text(code, label) for c in COLONS), code
        line = _label_block(drawn, label, code)
        colon = [g for g in line if g.text in COLONS]
        word = [g for g in line if g.text.strip() and g.text not in COLONS]
        assert len(colon) == 1 and word
        if code in RTL_LANGUAGES:
            # Read right to left, the colon follows the word: it lies to its left.
            assert colon[0].x < min(g.x for g in word), (code, label)
        else:
            assert colon[0].x > max(g.x for g in word), (code, label)


@pytest.mark.parametrize("code", sorted(RTL_LANGUAGES))
def test_rtl_labels_sit_right_of_their_values(code: str, pdfs: dict[str, bytes]) -> None:
    drawn = glyphs(pdfs[code])
    label = _label_block(drawn, SAMPLES[code].phone_label, code)
    phone_digits = sorted(ch for ch in PHONE if ch.isdigit())
    blocks = [[g for g in drawn if g.block == b] for b in sorted({g.block for g in drawn})]
    value = [
        line for line in blocks if sorted(g.text for g in line if g.text.isdigit()) == phone_digits
    ]
    assert len(value) == 1, code
    assert max(g.x for g in value[0]) < min(g.x for g in label)
    # The phone number reads left to right: its characters appear in order.
    ordered = "".join(g.text for g in sorted(value[0], key=lambda g: g.x))
    assert ordered == PHONE


def test_a_latin_font_on_bengali_text_is_caught() -> None:
    """The checker can fail: Bengali drawn in Noto Sans shows glyph 0 boxes."""
    import io

    latin = glyph_font(FAMILIES["latin"].regular)
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont(latin.fontName, 12)
    canvas.drawString(72, 720, BENGALI)
    canvas.save()
    boxes = missing_glyph_draws(buffer.getvalue())
    assert len(boxes) == sum(1 for ch in BENGALI if not ch.isspace())


def test_pdf_is_built_in_memory_without_temp_files(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("rendering opened a file for writing")

    real_open = builtins.open

    def guarded_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if any(c in mode for c in "wax+"):
            refuse()
        return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    monkeypatch.setattr(builtins, "open", guarded_open)
    assert render_sheet(sample_sheet("ar")).startswith(b"%PDF")


@pytest.mark.parametrize("code", ["ar", "bn"])
def test_a_long_sheet_runs_over_several_pages(code: str) -> None:
    from pypdf import PdfReader

    from clinic_app.referrals.sheet import Notice, Paragraph, Row, Rows, Section, Sheet

    s = SAMPLES[code]
    long_paragraph = " ".join([s.sentence] * 40)
    sheet = Sheet(
        code,
        s.title,
        (
            Section(
                s.heading,
                (
                    Rows(tuple(Row(f"{s.name_label} {i}", s.name) for i in range(60))),
                    Paragraph(long_paragraph),
                    Notice(s.notice_title, tuple([s.notice_body] * 45)),
                ),
            ),
        ),
    )
    pdf = render_sheet(sheet)
    assert len(PdfReader(__import__("io").BytesIO(pdf)).pages) >= 3
    assert missing_glyph_draws(pdf) == []
    text = extracted_text(pdf)
    assert f"{s.name_label} 59" in text or f"59 {s.name_label}" in text
    assert text.count(_words(s.notice_body)[0]) >= 45


def _is_arabic_script(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


@pytest.mark.parametrize(
    ("code", "names"),
    [
        ("en", ["محمد عبد الله", "রহিম উদ্দিন", "김민준", "Анна Иванова", "陳美玲", "عائشہ خان"]),
        ("ar", ["María José Núñez", "Łukasz Wójcik", "陳美玲", "রহিম উদ্দিন"]),
        ("zh_Hant", ["김민준", "Jean-François Lefèvre", "محمد"]),
    ],
)
def test_names_in_other_scripts_print_on_any_sheet(code: str, names: list[str]) -> None:
    from clinic_app.referrals.sheet import Row, Rows, Section, Sheet

    s = SAMPLES[code]
    rows = Rows(tuple(Row(s.name_label, name) for name in names))
    pdf = render_sheet(Sheet(code, s.title, (Section(s.heading, (rows,)),)))
    assert missing_glyph_draws(pdf) == []
    drawn = glyphs(pdf)
    for name in names:
        # The line that draws the name, read in the name's own direction,
        # copies as the name: right to left for Arabic script, else left to right.
        lines = [[g for g in drawn if g.block == b] for b in sorted({g.block for g in drawn})]
        (line,) = [ln for ln in lines if sorted("".join(g.text for g in ln)) == sorted(name)]
        rtl = _is_arabic_script(name)
        read = sorted((g for g in line if g.text), key=lambda g: -g.x if rtl else g.x)
        assert "".join(g.text for g in read) == name, (code, name)
    text = extracted_text(pdf)
    for name in names:
        if _is_arabic_script(name) and code not in RTL_LANGUAGES:
            # pypdf's bidi guess misplaces a ligature at the left end of a
            # right-to-left run inside a left-to-right page; checked above.
            continue
        for word in name.split():
            assert word in text, (code, word)


def test_metadata_names_the_language_and_no_one(pdfs: dict[str, bytes]) -> None:
    import io

    from pypdf import PdfReader

    for code in ("ar", "zh_Hant"):
        reader = PdfReader(io.BytesIO(pdfs[code]))
        assert reader.trailer["/Root"]["/Lang"] == code.replace("_", "-")
        meta = reader.metadata or {}
        assert not meta.get("/Title") and not meta.get("/Author") and not meta.get("/Subject")
        # The name on the sheet is in the page, never in the document information.
        assert SAMPLES[code].name not in str(dict(meta))
