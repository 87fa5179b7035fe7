"""What reportlab 5.1.0 does on its own, pinned so a change is noticed.

These tests record why the sheets do not use reportlab's Paragraph for text
(see docs/referral-sheets.md). If one fails after an upgrade, reportlab has
improved: re-run the comparison and update the document.
"""

from __future__ import annotations

import io

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

from clinic_app.referrals.fonts import FAMILIES, face_path
from tests.referrals.pdfcheck import extracted_text, missing_glyph_draws


def _native_pdf(font_key: str, text: str, rtl: bool) -> bytes:
    name = f"Native-{font_key}"
    pdfmetrics.registerFont(TTFont(name, str(face_path(FAMILIES[font_key].regular))))
    style = ParagraphStyle(
        "native", fontName=name, fontSize=14, leading=20, shaping=True,
        wordWrap="RTL" if rtl else None,
    )  # fmt: skip
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([Paragraph(text, style)])
    return buffer.getvalue()


def test_reportlab_has_no_bidi_without_rlbidi() -> None:
    from reportlab.pdfgen import textobject

    # rlbidi (reportlab's "bidi" extra) is not on PyPI: RTL word order is ours to do.
    assert textobject.rtlSupport is False


def test_native_shaping_loses_bengali_conjuncts_when_copied() -> None:
    pdf = _native_pdf("bengali", "ক্ষমা স্বাস্থ্য", rtl=False)
    text = extracted_text(pdf)
    assert "ক্ষমা" not in text and "স্বাস্থ্য" not in text


def test_native_paragraph_draws_missing_glyphs_without_font_fallback() -> None:
    # Noto Naskh Arabic has no hyphen-minus: reportlab draws it as a missing glyph.
    pdf = _native_pdf("arabic", "الهاتف 212-555-0147", rtl=True)
    assert missing_glyph_draws(pdf)
