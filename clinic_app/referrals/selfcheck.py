"""The self-test's check of sheet rendering: the shaping and bidi libraries load,
every script's sample sheet renders in memory, and Arabic is really joined."""

from __future__ import annotations

import uharfbuzz

from clinic_app.i18n import LANGUAGES
from clinic_app.referrals.fonts import family_for_language, uncovered
from clinic_app.referrals.pdf import render_sheet
from clinic_app.referrals.samples import sample_sheet
from clinic_app.referrals.sheet import all_text
from clinic_app.referrals.textlayout import Style, layout


def check_rendering() -> str:
    """Renders every language's sample sheet; raises on the first failure."""
    total = 0
    for code in LANGUAGES:
        sheet = sample_sheet(code)
        missing = uncovered(all_text(sheet))
        if missing:
            raise RuntimeError(f"{code}: no bundled font draws {len(missing)} character(s)")
        pdf = render_sheet(sheet)
        if not pdf.startswith(b"%PDF"):
            raise RuntimeError(f"{code}: the renderer did not produce a PDF")
        total += len(pdf)
    style = Style(family_for_language("ar"), 10, rtl=True, language="ar")
    (line,) = layout("محمد", style, 500)
    if all("\u0600" <= code <= "\u06ff" for run in line.runs for code, _, _ in run.glyphs):
        raise RuntimeError("Arabic was not shaped: letters would print unjoined")
    return (
        f"{len(LANGUAGES)} sample sheets shaped and rendered in memory "
        f"({total // 1024} KiB; uharfbuzz {uharfbuzz.__version__}, "
        f"HarfBuzz {uharfbuzz.version_string()})"
    )


def check_printing() -> str:
    """PDFium rasterises a sheet in memory (what printing paints) and the demo
    provider directory is bundled and valid."""
    import pypdfium2

    from clinic_app.referrals.directory import parse_csv
    from clinic_app.referrals.directory_store import demo_csv

    document = pypdfium2.PdfDocument(render_sheet(sample_sheet("bn")))
    try:
        bitmap = document[0].render(scale=0.5)
        ink = sum(1 for byte in bytes(bitmap.buffer)[::3] if byte < 128)
    finally:
        document.close()
    if ink == 0:
        raise RuntimeError("PDFium rendered a blank page")
    providers = parse_csv(demo_csv())
    return (
        f"sheet rasterised in memory by PDFium (pypdfium2 {pypdfium2.PYPDFIUM_INFO}); "
        f"demo directory: {len(providers)} fictional providers"
    )
