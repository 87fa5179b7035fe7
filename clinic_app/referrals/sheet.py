"""The document model of a printed sheet: plain data, no layout, no reportlab.

A sheet is in one language, and its direction follows from that language
(``clinic_app.i18n.is_rtl``), never from its text. Every string in it is
already in the sheet's language; values that must read left to right in any
language (phone numbers, dates, ISO numbers, e-mail addresses) are wrapped in
``Ltr``.

Personal data goes only in ``Row`` values and ``Paragraph`` text. Titles,
headings, row labels, ``Bullets``, ``Notice`` and ``Signature`` text are interface text: the
renderer keeps their layout for the process (``pdf._interface_layout``), so
they must never carry a client's data.
"""

from __future__ import annotations

from dataclasses import dataclass

from clinic_app.i18n import LANGUAGES, is_rtl


@dataclass(frozen=True)
class Ltr:
    """A value that always reads left to right, isolated from the text around it."""

    text: str


Inline = str | Ltr
# A run of text: one string, or pieces some of which are left-to-right values.
Content = str | tuple[Inline, ...]


@dataclass(frozen=True)
class Row:
    """A labelled value; the layout adds the language's colon to the label."""

    label: str
    value: Content


@dataclass(frozen=True)
class Rows:
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Paragraph:
    text: Content


@dataclass(frozen=True)
class Bullets:
    items: tuple[Content, ...]


@dataclass(frozen=True)
class Notice:
    """A boxed notice (rights, confidentiality) that stands out on the page."""

    title: str
    body: tuple[Content, ...]


@dataclass(frozen=True)
class Signature:
    """Lines to sign on the printed copy, one per label ("Client's signature", "Date")."""

    labels: tuple[str, ...]


Block = Rows | Paragraph | Bullets | Notice | Signature


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Sheet:
    language: str
    title: str
    sections: tuple[Section, ...]

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"unsupported language: {self.language!r}")

    @property
    def rtl(self) -> bool:
        return is_rtl(self.language)


def pieces(content: Content) -> tuple[Inline, ...]:
    return (content,) if isinstance(content, str) else content


def plain_text(content: Content) -> str:
    """The content's characters in logical order, without direction marks."""
    return "".join(p.text if isinstance(p, Ltr) else p for p in pieces(content))


def all_text(sheet: Sheet) -> str:
    """Every string the sheet will print, one per line (for checks before printing)."""
    out = [sheet.title]
    for section in sheet.sections:
        out.append(section.heading)
        for block in section.blocks:
            if isinstance(block, Rows):
                for row in block.rows:
                    out += [row.label, plain_text(row.value)]
            elif isinstance(block, Paragraph):
                out.append(plain_text(block.text))
            elif isinstance(block, Bullets):
                out += [plain_text(item) for item in block.items]
            elif isinstance(block, Signature):
                out += list(block.labels)
            else:
                out.append(block.title)
                out += [plain_text(item) for item in block.body]
    return "\n".join(out)
