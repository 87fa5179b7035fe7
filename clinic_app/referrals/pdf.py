"""Renders a ``Sheet`` to PDF bytes in memory, every script shaped and in order.

Page flow (pages, tables, boxes) is reportlab platypus; text is never given to
reportlab's Paragraph. Each piece of text is a ``ShapedText`` flowable, laid
out by ``textlayout`` (bidi, font per script, HarfBuzz) and drawn glyph by
glyph. Nothing is written to disk: the PDF is built in an ``io.BytesIO``.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from clinic_app.i18n import N_, translation
from clinic_app.referrals.fonts import family_for_language, with_visible_fallback
from clinic_app.referrals.sheet import (
    Block,
    Bullets,
    Content,
    Ltr,
    Notice,
    Paragraph,
    Rows,
    Section,
    Sheet,
    Signature,
    pieces,
)
from clinic_app.referrals.textlayout import (
    Line,
    Style,
    first_ascent,
    layout,
    ltr,
    strip_bidi_controls,
)

# Translators: how a label is followed by its value ("Name:"); French puts a
# space before the colon, Chinese uses the full-width colon "：".
LABEL_FORMAT = N_("{label}:")

PAGE = LETTER
MARGIN = 0.6 * inch
# Top and bottom: a little less, so a typical sheet fits one page in every language.
EDGE = 0.45 * inch
BODY_SIZE = 9.5
TITLE_SIZE = 15
HEADING_SIZE = 11.5
BULLET = "•"
# SimpleDocTemplate's frame keeps this padding inside the margins.
FRAME_PADDING = 6
NOTICE_BACKGROUND = colors.HexColor("#F3F3F3")
SIGNATURE_HEIGHT = 22
SECTION_GAP = 4
# Space above and below each line, in sizes (see textlayout.Style).
LINE_GAP = 0.03
BLOCK_GAP = 2

_render_lock = threading.Lock()
# Layouts of interface text (titles, headings, labels, bullets, notices: the
# same on every sheet of a language) are kept for the process. Row values and
# paragraphs, which may hold personal data, are laid out afresh and never kept.
INTERFACE_CACHE_SIZE = 4096


@lru_cache(maxsize=INTERFACE_CACHE_SIZE)
def _interface_layout(text: str, style: Style, width: float) -> tuple[Line, ...]:
    return tuple(layout(text, style, width))


@lru_cache(maxsize=INTERFACE_CACHE_SIZE)
def _interface_ascent(text: str, style: Style) -> float:
    return first_ascent(text, style)


def compose(content: Content) -> str:
    """Logical text for layout: user text stripped of bidi controls, Ltr values isolated;
    a character no font can draw is printed as its code ("[U+1F600]"), never as "?"."""
    return "".join(
        ltr(with_visible_fallback(p.text))
        if isinstance(p, Ltr)
        else with_visible_fallback(strip_bidi_controls(p))
        for p in pieces(content)
    )


class ShapedText(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """A paragraph of shaped text, aligned to the start side of its direction.

    ``align_with`` lists the other cells of a table row: all of them put
    their first baseline at the same height.
    """

    def __init__(
        self, text: str, style: Style, bullet: str | None = None, interface: bool = False
    ) -> None:
        super().__init__()
        self.text = text
        # Interface text (never personal data) may use the process-wide layout cache.
        self.interface = interface
        self.style = style
        self.bullet = bullet
        self.indent = style.size * 1.4 if bullet else 0.0
        self.align_with: list[ShapedText] = []
        self.lines: list[Line] = []
        self.bullet_line: Line | None = None
        self.first_ascent = 0.0
        self.width = 0.0
        self.height = 0.0
        # A part made by split() keeps the lines it was given, at any width.
        self._split_part = False
        self._laid_out: dict[float, list[Line]] = {}
        self._own_ascent: float | None = None

    def own_ascent(self) -> float:
        """The tallest ascent of this text's fonts (the same at any width)."""
        if self._own_ascent is None:
            measure = _interface_ascent if self.interface else first_ascent
            self._own_ascent = measure(self.text, self.style)
        return self._own_ascent

    def _part(self, lines: list[Line], first: bool) -> ShapedText:
        part = ShapedText(self.text, self.style, self.bullet if first else None, self.interface)
        part.indent = self.indent
        part.lines = lines
        part.first_ascent = self.first_ascent if first else 0.0
        part.width = self.width
        part._split_part = True
        return part

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """Splits between lines, so a long paragraph runs onto the next page."""
        self.wrap(avail_width, avail_height)
        used = 0.0
        for count, line in enumerate(self.lines):
            used += self._line_height(count, line)
            if used > avail_height:
                if count == 0:
                    return []
                return [
                    self._part(self.lines[:count], True),
                    self._part(self.lines[count:], False),
                ]
        return [self]

    def _ascent(self, number: int, line: Line) -> float:
        return max(line.ascent, self.first_ascent) if number == 0 else line.ascent

    def _line_height(self, number: int, line: Line) -> float:
        gap = self.style.gap * self.style.size
        return gap + self._ascent(number, line) - line.descent + gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if not self._split_part:
            # Tables wrap their cells again and again: lay out once per width.
            if avail_width not in self._laid_out:
                width = max(avail_width - self.indent, 1.0)
                if self.interface:
                    lines = list(_interface_layout(self.text, self.style, width))
                else:
                    lines = layout(self.text, self.style, width)
                self._laid_out[avail_width] = lines
            self.lines = self._laid_out[avail_width]
            self.first_ascent = max(c.own_ascent() for c in [self, *self.align_with])
        self.width = avail_width
        if self.bullet:
            self.bullet_line = _interface_layout(self.bullet, self.style, self.indent)[0]
        self.height = sum(self._line_height(n, line) for n, line in enumerate(self.lines))
        return self.width, self.height

    def draw(self) -> None:
        rtl = self.style.rtl
        top = self.height
        for number, line in enumerate(self.lines):
            baseline = top - self.style.gap * self.style.size - self._ascent(number, line)
            x = self.width - self.indent - line.width if rtl else self.indent
            draw_line(self.canv, line, x, baseline)
            if number == 0 and self.bullet_line is not None:
                bx = self.width - self.bullet_line.width if rtl else 0.0
                draw_line(self.canv, self.bullet_line, bx, baseline)
            top -= self._line_height(number, line)


def label_text_width(text: ShapedText) -> float:
    """The width of a one-line label, plus room for the cell's padding."""
    lines = _interface_layout(text.text, text.style, 10_000.0)
    return max((line.width for line in lines), default=0.0) + 8


def draw_line(canvas: Any, line: Line, x: float, baseline: float) -> None:
    """Draws the glyphs of ``line`` with its left end at ``x``."""
    text = canvas.beginText()
    for run in line.runs:
        text.setFont(run.font.fontName, run.size)
        if run.synthetic_bold:
            # The family has one weight: fill and stroke the outlines to embolden.
            canvas.setLineWidth(run.size * 0.04)
            text.setTextRenderMode(2)
        for code, gx, gy in run.glyphs:
            text.setTextOrigin(x + gx, baseline + gy)
            text.textOut(code)
        if run.synthetic_bold:
            text.setTextRenderMode(0)
        x += run.width
    canvas.drawText(text)


class _Builder:
    """Turns the model into flowables for one sheet's language and direction."""

    def __init__(self, sheet: Sheet, width: float) -> None:
        self.sheet = sheet
        self.width = width
        self.gettext = translation(sheet.language).gettext
        self.body = Style(
            family_for_language(sheet.language),
            BODY_SIZE,
            rtl=sheet.rtl,
            language=sheet.language,
            gap=LINE_GAP,
        )

    def text(self, content: Content, interface: bool = False, **changes: Any) -> ShapedText:
        return ShapedText(compose(content), replace(self.body, **changes), interface=interface)

    def label(self, label: str) -> str:
        return self.gettext(LABEL_FORMAT).format(label=strip_bidi_controls(label))

    def rows(self, block: Rows) -> Table:
        label_width = self.width * 0.34
        data = []
        for row in block.rows:
            label = ShapedText(self.label(row.label), replace(self.body, bold=True), interface=True)
            value = self.text(row.value)
            label.align_with, value.align_with = [value], [label]
            data.append([value, label] if self.sheet.rtl else [label, value])
        widths = [self.width - label_width, label_width] if self.sheet.rtl else None
        widths = widths or [label_width, self.width - label_width]
        table = Table(data, colWidths=widths, repeatRows=0, splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ]
            )
        )
        return table

    def notice(self, block: Notice) -> Table:
        inner: list[Flowable] = [self.text(block.title, interface=True, bold=True)]
        for item in block.body:
            inner += [Spacer(1, 3), self.text(item, interface=True)]
        table = Table([[inner]], colWidths=[self.width], splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1, colors.black),
                    ("BACKGROUND", (0, 0), (-1, -1), NOTICE_BACKGROUND),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        return table

    def signature(self, block: Signature) -> Table:
        """One row of lines to sign ("Client's signature: ____  Date: ____")."""
        cells: list[Flowable | str] = []
        widths: list[float] = []
        count = len(block.labels)
        # The first line (the signature) is the long one.
        shares = [1.0] if count == 1 else [0.65] + [0.35 / (count - 1)] * (count - 1)
        for text, share in zip(block.labels, shares, strict=True):
            label = ShapedText(self.label(text), replace(self.body, bold=True), interface=True)
            part = self.width * share
            label_width = min(part * 0.45, max(part * 0.2, label_text_width(label)))
            cells += [label, ""]
            widths += [label_width, part - label_width]
        if self.sheet.rtl:
            cells.reverse()
            widths.reverse()
        lines = [i for i, cell in enumerate(cells) if cell == ""]
        table = Table([cells], colWidths=widths, rowHeights=[SIGNATURE_HEIGHT])
        style: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        style += [("LINEBELOW", (i, 0), (i, 0), 0.75, colors.black) for i in lines]
        table.setStyle(TableStyle(style))
        return table

    def block(self, block: Block) -> list[Flowable]:
        if isinstance(block, Rows):
            return [self.rows(block)]
        if isinstance(block, Paragraph):
            return [self.text(block.text)]
        if isinstance(block, Bullets):
            return [
                ShapedText(compose(item), self.body, bullet=BULLET, interface=True)
                for item in block.items
            ]
        if isinstance(block, Signature):
            return [self.signature(block)]
        return [self.notice(block)]

    def section(self, section: Section) -> list[Flowable]:
        """A section starts a new page rather than split, unless it is taller than a
        page: a heading never ends a page and a boxed notice never sits alone."""
        inner: list[Flowable] = [
            self.text(section.heading, interface=True, bold=True, size=HEADING_SIZE),
            Spacer(1, 3),
        ]
        for block in section.blocks:
            inner += self.block(block)
            inner.append(Spacer(1, BLOCK_GAP))
        return [Spacer(1, SECTION_GAP), KeepTogether(inner)]

    def story(self) -> list[Flowable]:
        out: list[Flowable] = [
            self.text(self.sheet.title, interface=True, bold=True, size=TITLE_SIZE)
        ]
        for section in self.sheet.sections:
            out += self.section(section)
        return out


def render_sheet(sheet: Sheet) -> bytes:
    """The sheet as PDF bytes, built in memory (no temporary file)."""
    return render_sheets((sheet,))


def render_sheets(sheets: Sequence[Sheet]) -> bytes:
    """Several sheets in one PDF, each starting on a new page, built in memory.

    A bilingual referral is two sheets (the client's language, then English):
    each keeps its own direction and fonts. The PDF's language is the first's.
    """
    if not sheets:
        raise ValueError("no sheet to render")
    sheet = sheets[0]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=EDGE,
        bottomMargin=EDGE,
        lang=sheet.language.replace("_", "-"),
        invariant=True,
        title="",
        author="",
        subject="",
        creator="Clinic Intake",
    )
    with _render_lock:
        story: list[Flowable] = []
        for number, part in enumerate(sheets):
            if number:
                story.append(PageBreak())
            story += _Builder(part, doc.width - 2 * FRAME_PADDING).story()
        doc.build(story)
    return buffer.getvalue()
