"""Turns a paragraph of logical text into lines of positioned glyphs.

The steps, each done by a library where one exists:
1. bidi levels per character (python-bidi's Unicode Bidirectional Algorithm),
   with the paragraph direction taken from the sheet's language;
2. a font family per character (``fonts.assign_families``);
3. line breaks at spaces and between CJK ideographs, measured on shaped text;
4. per line, runs of one level and one font, put in visual order (UAX #9 L2)
   and shaped by HarfBuzz in their own direction (joining, conjuncts, mirroring).

Direction markers: text that must read left to right whatever the paragraph
direction (a phone number, a date, an ISO number) is wrapped by the caller in
``LTR_START`` ... ``LTR_END``; user text is first stripped of every bidi
control so that it cannot reorder the sheet around it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

import uharfbuzz as hb
from bidi import algorithm as uba

from clinic_app.referrals.fonts import (
    FAMILIES,
    Family,
    assign_families,
    glyph_font,
    is_ignorable,
)
from clinic_app.referrals.glyphfont import GlyphFont

# python-bidi's algorithm knows embeddings (LRE ... PDF) but not isolates; an
# embedding at level +2 keeps a number left to right inside Arabic or Urdu.
LTR_START = "\u202a"
LTR_END = "\u202c"
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "?"
# A font whose ascender is taller than this (in em) is measured by its ink
# (Nastaliq), never less than INK_FLOOR em above the baseline.
TALL_ASCENT = 1.5
INK_FLOOR = 1.0
# A font whose descender is deeper than this is measured by its ink too.
DEEP_DESCENT = -0.5
INK_DESCENT_FLOOR = -0.3
# Tabs, carriage returns and other controls print as a space; "\n" breaks a line.
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def strip_bidi_controls(text: str) -> str:
    """Removes direction marks, embeddings, overrides and isolates from user text."""
    return _BIDI_CONTROLS.sub("", text)


def ltr(text: str) -> str:
    """``text`` marked to read left to right inside any paragraph."""
    return f"{LTR_START}{strip_bidi_controls(text)}{LTR_END}"


def bidi_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character (odd: right to left).

    Embedding controls themselves, which the algorithm removes, get the level
    of the character before them.
    """
    storage = uba.get_empty_storage()
    base = 1 if rtl else 0
    storage["base_level"] = base
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    resolved = {char["index"]: char["level"] for char in storage["chars"]}
    levels: list[int] = []
    for index in range(len(text)):
        levels.append(resolved.get(index, levels[-1] if levels else base))
    return levels


@dataclass(frozen=True)
class Style:
    """How a paragraph is set: home family, size in points, weight, direction."""

    family: Family
    size: float
    bold: bool = False
    rtl: bool = False
    language: str = "en"
    # Space above and below each line, in sizes: 0.1 puts 0.2 em between lines.
    gap: float = 0.1


@dataclass
class Run:
    """Glyphs of one font and direction, in visual order, relative to the run's start."""

    font: GlyphFont
    size: float
    synthetic_bold: bool
    glyphs: list[tuple[str, float, float]]
    width: float
    text: str
    # The highest and lowest (negative) points of the run's ink, in points.
    ink_top: float = 0.0
    ink_bottom: float = 0.0


@dataclass
class Line:
    runs: list[Run] = field(default_factory=list)
    width: float = 0.0
    ascent: float = 0.0
    descent: float = 0.0


@dataclass
class _Para:
    """A paragraph prepared for breaking: drawable text, levels and families."""

    text: str
    levels: list[int]
    families: list[Family]


def _bcp47(language: str) -> str:
    return language.replace("_", "-")


def _shape(text: str, font: GlyphFont, size: float, rtl: bool, language: str) -> Run:
    buf = hb.Buffer()
    buf.add_codepoints([ord(c) for c in text])
    buf.direction = "rtl" if rtl else "ltr"
    buf.language = _bcp47(language)
    buf.flags = hb.BufferFlags.REMOVE_DEFAULT_IGNORABLES
    buf.guess_segment_properties()
    hb.shape(font.hb_font, buf, {"kern": True, "liga": True})
    scale = size / font.units_per_em
    starts = sorted({info.cluster for info in buf.glyph_infos})
    ends = dict(itertools.pairwise([*starts, len(text)]))
    cluster_advance: dict[int, int] = {}
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        cluster_advance[info.cluster] = cluster_advance.get(info.cluster, 0) + pos.x_advance
    seen: set[int] = set()
    glyphs: list[tuple[str, float, float]] = []
    pen = ink_top = ink_bottom = 0.0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        cluster = info.cluster
        if info.codepoint == 0:
            # Only a format character the font lacks gets here (letters it
            # lacks became "?" in _prepare): it is invisible, so skip it.
            pen += pos.x_advance * scale
            continue
        # The first glyph of a cluster copies as the cluster's text and, for
        # text extractors, is as wide as the whole cluster; the rest copy as
        # nothing. Drawing places every glyph itself.
        if cluster in seen:
            code = font.code_for(info.codepoint, "", pos.x_advance)
        else:
            copy_text = text[cluster : ends[cluster]]
            code = font.code_for(info.codepoint, copy_text, cluster_advance[cluster])
        seen.add(cluster)
        glyphs.append((code, pen + pos.x_offset * scale, pos.y_offset * scale))
        top, bottom = font.ink(info.codepoint)
        ink_top = max(ink_top, pos.y_offset * scale + top * size)
        ink_bottom = min(ink_bottom, pos.y_offset * scale + bottom * size)
        pen += pos.x_advance * scale
    return Run(font, size, False, glyphs, pen, text, ink_top, ink_bottom)


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF00 <= cp <= 0xFFEF
        or 0x20000 <= cp <= 0x3FFFF
    )


_NO_BREAK_BEFORE = set("，。、；：！？）」』》〉】,.;:!?)")
_NO_BREAK_AFTER = set("（「『《〈【(")


def _break_opportunities(text: str) -> list[int]:
    """Indices where a line may end: after spaces and around CJK characters."""
    points: list[int] = []
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after.isspace():
            continue
        cjk = (_is_cjk(before) or _is_cjk(after)) and not (
            after in _NO_BREAK_BEFORE
            or before in _NO_BREAK_AFTER
            or unicodedata.category(after).startswith("M")
        )
        if before.isspace() or cjk:
            points.append(i)
    return points


def _prepare(text: str, style: Style) -> _Para:
    levels = bidi_levels(text, style.rtl)
    kept = [(ch, lv) for ch, lv in zip(text, levels, strict=True) if not _BIDI_CONTROLS.match(ch)]
    chars = "".join(ch for ch, _ in kept)
    families: list[Family] = []
    # On a right-to-left sheet, left-to-right stretches (numbers, Latin names)
    # are set in the Latin family: Naskh lacks "/" and Nastaliq's space is thin.
    for rtl_run, group in itertools.groupby(kept, key=lambda item: item[1] % 2 == 1):
        piece = "".join(ch for ch, _ in group)
        home = style.family if rtl_run or not style.rtl else FAMILIES["latin"]
        families += assign_families(piece, home, style.bold)
    drawable = []
    for ch, fam in zip(chars, families, strict=True):
        covered = is_ignorable(ch) or glyph_font(fam.face(style.bold)).covers(ch)
        # No bundled font has it: a question mark, never the missing-glyph box.
        drawable.append(ch if covered else REPLACEMENT)
    return _Para("".join(drawable), [lv for _, lv in kept], families)


def _runs(para: _Para, start: int, end: int, style: Style) -> list[Run]:
    """Shaped runs of ``para.text[start:end]`` in visual order (UAX #9 rule L2)."""
    spans: list[tuple[int, int]] = []
    for i in range(start, end):
        key = (para.levels[i], para.families[i].key)
        if spans and (para.levels[spans[-1][0]], para.families[spans[-1][0]].key) == key:
            spans[-1] = (spans[-1][0], i + 1)
        else:
            spans.append((i, i + 1))
    levels = [para.levels[s] for s, _ in spans]
    order = list(range(len(spans)))
    if levels:
        odd = [lv for lv in levels if lv % 2]
        lowest_odd = min(odd) if odd else max(levels) + 1
        for level in range(max(levels), lowest_odd - 1, -1):
            i = 0
            while i < len(order):
                if levels[order[i]] >= level:
                    j = i
                    while j < len(order) and levels[order[j]] >= level:
                        j += 1
                    order[i:j] = reversed(order[i:j])
                    i = j
                else:
                    i += 1
    runs = []
    for index in order:
        s, e = spans[index]
        family = para.families[s]
        font = glyph_font(family.face(style.bold))
        size = style.size * family.scale
        run = _shape(para.text[s:e], font, size, para.levels[s] % 2 == 1, style.language)
        run.synthetic_bold = style.bold and family.synthetic_bold
        runs.append(run)
    return runs


def _width(para: _Para, start: int, end: int, style: Style) -> float:
    return sum(run.width for run in _runs(para, start, end, style))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line(para: _Para, start: int, end: int, style: Style) -> Line:
    runs = _runs(para, start, end, style)
    line = Line(runs=runs, width=sum(r.width for r in runs))
    fonts = {id(r.font): r.font for r in runs} or {0: glyph_font(style.family.face(style.bold))}
    sizes = {id(r.font): r.size for r in runs}
    for key, font in fonts.items():
        ascent, descent = font.extents()
        size = sizes.get(key, style.size)
        line.ascent = max(line.ascent, ascent * size)
        line.descent = min(line.descent, descent * size)
    if any(r.font.extents()[0] > TALL_ASCENT for r in runs):
        # Nastaliq's ascender is room for its tallest stacks (about 1.9 em); a
        # line without them takes only the room its ink needs, so Urdu rows are
        # not twice as tall as they need be.
        line.ascent = max(
            max(r.ink_top, INK_FLOOR * r.size)
            if r.font.extents()[0] > TALL_ASCENT
            else r.font.extents()[0] * r.size
            for r in runs
        )
    if any(r.font.extents()[1] < DEEP_DESCENT for r in runs):
        # Likewise below: Naskh and Nastaliq descend 0.6 em for a few letters.
        line.descent = min(
            min(r.ink_bottom, INK_DESCENT_FLOOR * r.size)
            if r.font.extents()[1] < DEEP_DESCENT
            else r.font.extents()[1] * r.size
            for r in runs
        )
    return line


def _split_long(para: _Para, start: int, end: int, width: float, style: Style) -> list[int]:
    """Break points inside one word wider than the line, between whole clusters."""
    bounds = [
        i for i in range(start + 1, end) if not unicodedata.category(para.text[i]).startswith("M")
    ]
    points: list[int] = []
    line_start = last = start
    for bound in [*bounds, end]:
        if _width(para, line_start, bound, style) > width and last > line_start:
            points.append(last)
            line_start = last
        last = bound
    return points


def _fits(para: _Para, start: int, end: int, style: Style, width: float) -> bool:
    s, e = _trim(para.text, start, end)
    return _width(para, s, e, style) <= width + 0.01


def _line_ranges(para: _Para, style: Style, width: float) -> list[tuple[int, int]]:
    """Greedy line breaking: as many words per line as fit."""
    text = para.text
    ranges: list[tuple[int, int]] = []
    start = fit = 0
    for bound in [*_break_opportunities(text), len(text)]:
        if _fits(para, start, bound, style, width):
            fit = bound
            continue
        if fit > start:
            ranges.append((start, fit))
            start = fit
            if _fits(para, start, bound, style, width):
                fit = bound
                continue
        # One word wider than the line: cut it between clusters.
        s, e = _trim(text, start, bound)
        cut = s
        for point in _split_long(para, s, e, width, style):
            ranges.append((cut, point))
            cut = point
        start, fit = cut, bound
    ranges.append((start, len(text)))
    return ranges


def first_ascent(text: str, style: Style) -> float:
    """The tallest ascent among the fonts ``text`` will use, at their sizes.

    Cells of one table row align their first baselines on the largest of
    these, whatever width each cell is later given.
    """
    para = _prepare(text.split("\n", 1)[0], style)
    families = set(para.families) or {style.family}
    if any(glyph_font(f.face(style.bold)).extents()[0] > TALL_ASCENT for f in families):
        return _line(para, 0, len(para.text), style).ascent  # by ink, as its lines are
    return max(glyph_font(f.face(style.bold)).extents()[0] * style.size * f.scale for f in families)


def layout(text: str, style: Style, width: float) -> list[Line]:
    """Lines of ``text`` no wider than ``width`` points (a single word may be split)."""
    lines: list[Line] = []
    for paragraph in _CONTROLS.sub(" ", text).split("\n"):
        para = _prepare(paragraph, style)
        for start, end in _line_ranges(para, style, width):
            lines.append(_line(para, *_trim(para.text, start, end), style))
    return lines
