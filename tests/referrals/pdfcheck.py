"""Reads back what a PDF draws: each glyph's font, glyph id, copied text and position.

Independent of the renderer: glyph ids come from the cmap of the font
program embedded in the PDF (parsed with fontTools), copied text from the
font's ToUnicode map, positions from the content stream's matrices.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream

_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")
_BFCHAR_BLOCK = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)


@dataclass(frozen=True)
class Glyph:
    font: str  # BaseFont, e.g. "AAAAAA+NotoSans-Regular"
    code: int
    gid: int
    text: str
    x: float
    y: float
    block: int  # index of the BT ... ET text object it was drawn in


@dataclass
class _Font:
    base: str
    code_to_gid: dict[int, int]
    to_unicode: dict[int, str]


def _multiply(a: list[float], b: list[float]) -> list[float]:
    """PDF matrix product a x b, matrices as [a b c d e f]."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _load_font(obj: Any) -> _Font:
    font = obj.get_object()
    base = str(font["/BaseFont"])[1:]
    if font["/Subtype"] != "/TrueType" or "/FontFile2" not in font["/FontDescriptor"]:
        # A standard 14 font (Helvetica) draws boxes for anything but Latin-1.
        return _Font(base, {}, {})
    program = font["/FontDescriptor"]["/FontFile2"].get_data()
    tt = TTFont(io.BytesIO(program))
    code_to_gid = {}
    for table in tt["cmap"].tables:
        for code, name in table.cmap.items():
            code_to_gid[code] = tt.getGlyphID(name)
    to_unicode: dict[int, str] = {}
    if "/ToUnicode" in font:
        for block in _BFCHAR_BLOCK.findall(font["/ToUnicode"].get_data()):
            for src, dst in _BFCHAR.findall(block):
                to_unicode[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    return _Font(base, code_to_gid, to_unicode)


def _raw(operand: Any) -> bytes:
    if isinstance(operand, bytes):
        return operand
    original = getattr(operand, "original_bytes", None)
    return bytes(original) if original is not None else str(operand).encode("latin-1")


def glyphs(pdf: bytes) -> list[Glyph]:
    """Every glyph shown by every page, in drawing order."""
    reader = PdfReader(io.BytesIO(pdf))
    out: list[Glyph] = []
    block = 0
    for page in reader.pages:
        resources = page["/Resources"]
        fonts = {name: _load_font(ref) for name, ref in resources.get("/Font", {}).items()}
        ctm = [1.0, 0, 0, 1, 0, 0]
        stack: list[list[float]] = []
        tm = [1.0, 0, 0, 1, 0, 0]
        current: _Font | None = None
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop()
            elif op == b"cm":
                ctm = _multiply([float(v) for v in operands], ctm)
            elif op == b"BT":
                tm = [1.0, 0, 0, 1, 0, 0]
                block += 1
            elif op == b"Tm":
                tm = [float(v) for v in operands]
            elif op in (b"Td", b"TD"):
                tm = _multiply([1, 0, 0, 1, float(operands[0]), float(operands[1])], tm)
            elif op == b"Tf":
                current = fonts[operands[0]]
            elif op in (b"Tj", b"TJ", b"'", b'"'):
                assert current is not None, "text shown before any font was set"
                strings = operands[0] if op == b"TJ" else operands[-1:]
                x, y = _multiply(tm, ctm)[4:6]
                for s in strings:
                    if isinstance(s, (int, float)):
                        continue
                    for code in _raw(s):
                        out.append(
                            Glyph(
                                current.base,
                                code,
                                current.code_to_gid.get(code, 0),
                                current.to_unicode.get(code, ""),
                                x,
                                y,
                                block,
                            )
                        )
    return out


def missing_glyph_draws(pdf: bytes) -> list[Glyph]:
    """Glyphs that stand for a character the font lacks.

    That is glyph 0 (.notdef, the empty box), any glyph of a font that is not
    embedded, and code 0 of an embedded subset: reportlab puts there every
    character its font lacks, and fonts that map U+0000 to an empty glyph then
    draw nothing instead of a box, which is just as missing.
    """
    return [g for g in glyphs(pdf) if g.gid == 0 or g.code == 0]


@cache
def _reader_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def extracted_text(pdf: bytes) -> str:
    """The text a reader copies out of the PDF (pypdf, which applies bidi)."""
    return _reader_text(pdf)
