"""Rendering referral sheets: shaped, bidi-ordered PDF against plain reportlab."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from benchmarks.harness import Result, benchmark, repeat
from clinic_app.i18n import LANGUAGES
from clinic_app.referrals.fonts import family_for_language, glyph_font
from clinic_app.referrals.pdf import render_sheet
from clinic_app.referrals.samples import sample_sheet
from clinic_app.referrals.sheet import all_text

RUNS = 20


def _plain_reportlab(code: str) -> bytes:
    """The same strings as reportlab Paragraphs in the home font: no shaping, no bidi."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    font = glyph_font(family_for_language(code).regular).fontName
    style = ParagraphStyle("plain", fontName=font, fontSize=10.5, leading=14)
    buffer = io.BytesIO()
    story = [Paragraph(escape(line), style) for line in all_text(sample_sheet(code)).split("\n")]
    SimpleDocTemplate(buffer).build(story)
    return buffer.getvalue()


@benchmark("referral-sheet", target="p95_ms <= 100")
def referral_sheet() -> Result:
    """One one-page sample sheet per language, every language in each sample."""
    sheets = [sample_sheet(code) for code in LANGUAGES]
    samples = repeat(lambda: [render_sheet(s) for s in sheets], RUNS)
    baseline = repeat(lambda: [_plain_reportlab(code) for code in LANGUAGES], RUNS)
    per_sheet = [s / len(LANGUAGES) for s in samples]
    per_plain = [s / len(LANGUAGES) for s in baseline]
    return Result(per_sheet, per_plain, "plain reportlab Paragraphs, unshaped")
