"""A reportlab TrueType font that draws shaped glyphs and keeps the text copyable.

reportlab embeds TrueType fonts as subsets addressed by Unicode characters.
Shaped text is made of glyphs, some with no character of their own (an Arabic
initial form, a Bengali conjunct, a Nastaliq ligature). Each such glyph gets
a private code point (plane 15, which fonts do not map) that reportlab embeds
like any character, and the PDF's ToUnicode map sends that code to the text
the glyph stands for, so copying or searching the PDF gives the real words.
"""

from __future__ import annotations

import re
import threading
from functools import cached_property
from typing import Any

import uharfbuzz as hb
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

PRIVATE_FIRST = 0xF0000
PRIVATE_LAST = 0xFFFFD


class GlyphFont(TTFont):  # type: ignore[misc]  # reportlab ships no type hints
    """A TrueType face registered with reportlab, with HarfBuzz and glyph codes."""

    def __init__(self, name: str, filename: str, subfontIndex: int = 0) -> None:
        # reportlab's own shaping stays off: this module shapes, draws and maps text.
        super().__init__(name, filename, subfontIndex=subfontIndex, shapable=False)
        # reportlab's registerFont hands out an already registered font of the
        # same face name instead of this one: a plain TTFont of the same file
        # (the self-test registers one) would then draw our glyph codes as
        # missing. A face name of our own keeps them apart; the PDF shows it
        # as e.g. "AAAAAA+Clinic-latin-NotoSans-Regular".
        own = re.sub(r"[^A-Za-z0-9-]", "", name).encode("ascii")
        self.face.name = own + b"-" + self.face.name
        self.filename = filename
        self.subfont_index = subfontIndex
        self._ink: dict[int, tuple[float, float]] = {}
        # The font's own cmap, before any private code is added to it.
        self.cmap: dict[int, int] = dict(self.face.charToGlyph)
        self.units_per_em: int = self.face.unitsPerEm
        self._codes: dict[tuple[int, str], str] = {}
        self._text_of: dict[int, str] = {}
        self._next_private = PRIVATE_FIRST
        self._lock = threading.Lock()

    def covers(self, ch: str) -> bool:
        """Whether the font's cmap maps ``ch`` to a real glyph (not glyph 0)."""
        return self.cmap.get(ord(ch), 0) != 0

    @cached_property
    def hb_font(self) -> hb.Font:
        blob = hb.Blob.from_file_path(self.filename)
        return hb.Font(hb.Face(blob, self.subfont_index))

    def ink(self, gid: int) -> tuple[float, float]:
        """How far glyph ``gid`` reaches above and below (negative) the baseline, in em."""
        found = self._ink.get(gid)
        if found is None:
            extents = self.hb_font.get_glyph_extents(gid)
            if extents is None:
                found = (0.0, 0.0)
            else:
                top = extents.y_bearing / self.units_per_em
                found = (top, top + extents.height / self.units_per_em)
            self._ink[gid] = found
        return found

    def extents(self) -> tuple[float, float]:
        """Ascent and descent (negative) as fractions of the em, for line spacing."""
        return self._extents

    @cached_property
    def _extents(self) -> tuple[float, float]:
        ext = self.hb_font.get_font_extents("ltr")
        return ext.ascender / self.units_per_em, ext.descender / self.units_per_em

    def code_for(self, gid: int, text: str, advance: int) -> str:
        """The character that draws glyph ``gid`` and copies as ``text``.

        ``advance`` is in font units. A glyph that is what the cmap gives for a
        single character is drawn by that character; any other glyph gets a
        private code whose ToUnicode entry is ``text`` (empty for the second
        and later glyphs of one cluster).
        """
        if gid == 0:
            raise ValueError("refusing to draw glyph 0 (the missing-glyph box)")
        if len(text) == 1 and self.cmap.get(ord(text)) == gid:
            return text
        key = (gid, text)
        with self._lock:
            code = self._codes.get(key)
            if code is None:
                code = self._new_code(gid, text, advance)
                self._codes[key] = code
        return code

    def _new_code(self, gid: int, text: str, advance: int) -> str:
        face = self.face
        while self._next_private in face.charToGlyph:
            self._next_private += 1
        if self._next_private > PRIVATE_LAST:
            raise RuntimeError("no private code points left for shaped glyphs")
        point = self._next_private
        self._next_private += 1
        face.charToGlyph[point] = gid
        face.charWidths[point] = advance * 1000 / self.units_per_em
        self._text_of[point] = text
        return chr(point)

    def copy_text(self, code: str) -> str:
        """The text a drawn code copies as (itself, unless it is a glyph code)."""
        return self._text_of.get(ord(code), code)

    def _unicode_of(self, point: int) -> str:
        if point in self._text_of:
            return self._text_of[point]
        return chr(point) if point else ""

    def addObjects(self, doc: Any) -> None:
        """reportlab's TTFont.addObjects with a ToUnicode map that knows glyph codes."""
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_font_name = b"".join(
                (SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)
            ).decode("pdfdoc")

            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {n}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_font_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))

            cmap_stream = pdfdoc.PDFStream()
            cmap_stream.content = to_unicode_cmap(
                base_font_name, [self._unicode_of(p) for p in subset]
            )
            if doc.compression:
                cmap_stream.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap_stream, "toUnicodeCMap:" + base_font_name)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, base_font_name, subset)

            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def to_unicode_cmap(font_name: str, texts: list[str]) -> str:
    """A ToUnicode CMap sending code ``i`` to ``texts[i]``.

    An empty text is written as an explicit empty entry: the second glyph of a
    cluster whose text the first glyph carries copies as nothing (a code left
    out of the map would make viewers guess a character from a standard
    encoding). Code 0, the missing glyph, has no entry.
    """
    entries = [f"<{i:02X}> <{_utf16_hex(t)}>" for i, t in enumerate(texts) if i]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({font_name})",
        f"/Ordering ({font_name})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{font_name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(texts) - 1:02X}>",
        "endcodespacerange",
    ]
    # A bfchar block holds at most 100 entries.
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        lines += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)
