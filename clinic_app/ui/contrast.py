"""Text contrast of at least 4.5:1 (WCAG 2.1 AA), measured from the palette.

``readable_palette`` keeps the platform's palette and only moves the colours
of a text/background pair that falls short: Fusion's placeholder text (black
at half opacity, 3.9:1 on white) and its selection (white on #308cc6, 3.6:1).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

MIN_RATIO = 4.5

Role = QPalette.ColorRole
# (text, background, move the background?): a selection keeps its white text
# and darkens its fill; everywhere else the text moves.
TEXT_PAIRS: tuple[tuple[QPalette.ColorRole, QPalette.ColorRole, bool], ...] = (
    (Role.WindowText, Role.Window, False),
    (Role.Text, Role.Base, False),
    (Role.Text, Role.AlternateBase, False),
    (Role.ButtonText, Role.Button, False),
    (Role.PlaceholderText, Role.Base, False),
    (Role.HighlightedText, Role.Highlight, True),
    (Role.ToolTipText, Role.ToolTipBase, False),
    (Role.Link, Role.Base, False),
)
GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """WCAG relative luminance of an opaque colour."""
    return (
        0.2126 * _channel(colour.redF())
        + 0.7152 * _channel(colour.greenF())
        + 0.0722 * _channel(colour.blueF())
    )


def over(colour: QColor, background: QColor) -> QColor:
    """``colour`` as drawn on ``background`` (placeholder text is half transparent)."""
    a = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * a + background.redF() * (1 - a),
        colour.greenF() * a + background.greenF() * (1 - a),
        colour.blueF() * a + background.blueF() * (1 - a),
    )


def ratio(text: QColor | str, background: QColor | str) -> float:
    """The contrast ratio (1 to 21) of ``text`` drawn on ``background``."""
    back = QColor(background)
    front = over(QColor(text), back)
    light, dark = sorted((luminance(front), luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _toward(colour: QColor, target: QColor, share: float) -> QColor:
    return QColor.fromRgbF(
        colour.redF() + (target.redF() - colour.redF()) * share,
        colour.greenF() + (target.greenF() - colour.greenF()) * share,
        colour.blueF() + (target.blueF() - colour.blueF()) * share,
    )


def _away_from(colour: QColor, other: QColor) -> QColor:
    """Black on a light colour, white on a dark one: where ``colour`` must move."""
    return QColor("#000000") if luminance(other) > 0.18 else QColor("#ffffff")


def readable(moving: QColor, fixed: QColor) -> QColor:
    """``moving`` shifted just far enough from ``fixed`` to reach the minimum ratio."""
    start = over(moving, fixed) if moving.alpha() < 255 else moving
    target = _away_from(start, fixed)
    for step in range(21):
        candidate = _toward(start, target, step / 20)
        if ratio(candidate, fixed) >= MIN_RATIO:
            return candidate
    return target


def readable_palette(palette: QPalette) -> QPalette:
    """A copy of ``palette`` in which every text pair reaches 4.5:1."""
    out = QPalette(palette)
    for group in GROUPS:
        for text_role, back_role, move_back in TEXT_PAIRS:
            text, back = out.color(group, text_role), out.color(group, back_role)
            if ratio(text, back) >= MIN_RATIO:
                continue
            if move_back:
                out.setColor(group, back_role, readable(back, text))
            else:
                out.setColor(group, text_role, readable(text, back))
    return out
