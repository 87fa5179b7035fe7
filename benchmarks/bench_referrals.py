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


# --- issue 7: the real, two-part referral sheet (client's language, then English) ---

CONTENT_RUNS = 15
TODAY = __import__("datetime").date(2026, 11, 27)


def _content_inputs(code: str) -> tuple[object, list[object], object]:
    from dataclasses import replace
    from datetime import timedelta

    from clinic_app.domain.record import Consent, IntakeRecord, ScreeningOutcome
    from clinic_app.referrals.content import Site
    from clinic_app.referrals.directory import parse_csv
    from clinic_app.referrals.directory_store import demo_csv
    from clinic_app.referrals.samples import SAMPLES
    from clinic_app.screening import screen

    result = screen(
        {
            "detained": True,
            "next_hearing_date": TODAY + timedelta(days=9),
            "fear_of_return": True,
            "last_entry_date": TODAY - timedelta(days=200),
        },
        today=TODAY,
    ).to_dict()
    record = IntakeRecord(
        record_id="BENCH001",
        given_name=SAMPLES[code].name,
        family_name="(fictional)",
        client_language=code,
        intake_date=TODAY,
        site="Bench",
        volunteer="bench",
        phone="(212) 555-0147",
        preferred_contact="phone",
        safe_to_call=True,
        screening_result=ScreeningOutcome.from_dict(result),
    )
    record = replace(record, eo41_consent=Consent(frozenset({"screening_result"}), TODAY, "bench"))
    providers = parse_csv(demo_csv())[:2]
    return record, list(providers), Site("Bench Clinic (fictional)", "(212) 555-0100")


def _minimal_page(code: str) -> bytes:
    """A minimal reportlab page with the language's fonts: the title and one line."""
    from reportlab.pdfgen.canvas import Canvas

    family = family_for_language(code)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    s = sample_sheet(code)
    canvas.setFont(glyph_font(family.bold).fontName, 18)
    canvas.drawString(72, 720, s.title)
    canvas.setFont(glyph_font(family.regular).fontName, 10.5)
    canvas.drawString(72, 700, all_text(s).split("\n")[2])
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _content_bench(code: str) -> Result:
    from clinic_app.referrals.service import sheet_pdf

    record, providers, site = _content_inputs(code)
    from time import perf_counter

    from clinic_app.referrals import pdf as pdf_module

    render = lambda: sheet_pdf(record, providers, site, TODAY)  # type: ignore[arg-type]  # noqa: E731
    # The first sheet of a session lays out its interface text too; later ones
    # find it in the cache (row values are never cached).
    pdf_module._interface_layout.cache_clear()
    pdf_module._interface_ascent.cache_clear()
    start = perf_counter()
    pdf = render()
    first_ms = round((perf_counter() - start) * 1000, 1)
    samples = repeat(render, CONTENT_RUNS)
    baseline = repeat(lambda: _minimal_page(code), CONTENT_RUNS)
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return Result(
        samples,
        baseline,
        "minimal reportlab page, same fonts",
        {"pdf_kib": round(len(pdf) / 1024, 1), "pages": pages, "first_sheet_ms": first_ms},
    )


def _register_content_benchmarks() -> None:
    for code in LANGUAGES:
        benchmark(f"referral-content-{code}", target="p95_ms <= 150")(
            lambda code=code: _content_bench(code)
        )


_register_content_benchmarks()


@benchmark("referral-font-loading", target="p95_ms <= 1000")
def referral_font_loading() -> Result:
    """Loading and registering every bundled sheet font, in a fresh process each time."""
    import json
    import subprocess
    import sys

    code = (
        "import time, json; t = time.perf_counter();"
        "from clinic_app.referrals.fonts import register_all; register_all();"
        "print(json.dumps(time.perf_counter() - t))"
    )
    samples = []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, check=True, text=True
        ).stdout
        samples.append(float(json.loads(out)))
    return Result(samples, None, "", {"note": "import of the font module included"})
