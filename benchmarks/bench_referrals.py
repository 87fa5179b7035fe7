"""Rendering referral sheets: shaped, bidi-ordered PDF against plain reportlab."""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from xml.sax.saxutils import escape

from benchmarks.harness import Result, benchmark, percentile, repeat
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


# --- the real referral sheet (issues 7 and 12): client's page, then the provider's copy ---

CONTENT_RUNS = 15
FIRST_TARGET_MS = 400
TODAY = __import__("datetime").date(2026, 11, 27)


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


def _timed(fn: Callable[[], object], n: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of ``n`` calls after one untimed call."""
    fn()
    wall, cpu = [], []
    for _ in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return wall, cpu


def _first_in_a_fresh_process(code: str) -> float:
    """Milliseconds for a process's very first sheet: imports and fonts included."""
    import subprocess
    import sys

    program = (
        "import time, json; t = time.perf_counter();"
        "from clinic_app.referrals.preview import sample_pdf;"
        f"sample_pdf({code!r});"
        "print(json.dumps(time.perf_counter() - t))"
    )
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, check=True, text=True
    ).stdout
    return round(float(out) * 1000, 1)


def _content_bench(code: str) -> Result:
    """The sheet a volunteer prints (``service.sheet_pdf``, the path of the referral
    flow and the CLI, on the typical fictional client of ``preview``) in ``code``:
    warm, and the first one in the language; CPU time beside wall time."""
    from pypdf import PdfReader

    from clinic_app.referrals import pdf as pdf_module
    from clinic_app.referrals.directory import parse_csv
    from clinic_app.referrals.directory_store import demo_csv
    from clinic_app.referrals.preview import SAMPLE_DAY, SITE, sample_pdf, sample_record
    from clinic_app.referrals.service import default_choice, sheet_pdf

    record = sample_record(code)
    chosen = default_choice(parse_csv(demo_csv()), record, SAMPLE_DAY)[:1]
    render = lambda: sheet_pdf(record, chosen, SITE, SAMPLE_DAY)  # noqa: E731
    sample_pdf("en")  # the app has printed before, in another language
    # The first sheet in a language lays out its interface text; later ones
    # find it in the cache (row values are never cached).
    pdf_module._interface_layout.cache_clear()
    pdf_module._interface_ascent.cache_clear()
    start, start_cpu = time.perf_counter(), time.process_time()
    pdf = render()
    first_cpu_ms = round((time.process_time() - start_cpu) * 1000, 1)
    first_ms = round((time.perf_counter() - start) * 1000, 1)
    wall, cpu = _timed(render, CONTENT_RUNS)
    baseline = repeat(lambda: _minimal_page(code), CONTENT_RUNS)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return Result(
        wall,
        baseline,
        "minimal reportlab page, same fonts",
        {
            "cpu_median_ms": round(statistics.median(cpu) * 1000, 1),
            "cpu_p95_ms": round(percentile(cpu, 95) * 1000, 1),
            "first_sheet_ms": first_ms,
            "first_sheet_cpu_ms": first_cpu_ms,
            "first_target": f"first_sheet_ms <= {FIRST_TARGET_MS}",
            "first_in_fresh_process_ms": _first_in_a_fresh_process(code),
            "pages": pages,
            "pdf_kib": round(len(pdf) / 1024, 1),
        },
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
