"""Unicode isolates the app puts around text whose direction it knows.

In an Arabic or Urdu sentence, a phone number, a date, an A-number or a
client's Latin-script name must keep its own left-to-right order and must not
drag the punctuation around it. The app wraps such pieces in isolates when it
composes a sentence. These characters come only from here: the sanitiser
(``clinic_app.domain.sanitise.clean_text``) strips every isolate from user
input, so isolate user text only after cleaning it (``clinic_app.ui.direction``
does both). The paragraph direction itself comes from the language (see
``clinic_app.i18n.is_rtl``), never from the text.
"""

from __future__ import annotations

LRM = "\u200e"
RLM = "\u200f"
LRI = "\u2066"  # left-to-right isolate
RLI = "\u2067"  # right-to-left isolate
FSI = "\u2068"  # first-strong isolate: direction from the isolated text itself
PDI = "\u2069"  # pop directional isolate
ISOLATES = frozenset({LRI, RLI, FSI, PDI})
# Directional marks CLDR puts in some patterns (Arabic dates: "d‏/M‏/y").
MARKS = frozenset({LRM, RLM, "\u061c"})


def ltr(text: str) -> str:
    """Text that always reads left to right: numbers, phones, dates, A-numbers, form codes."""
    return f"{LRI}{text}{PDI}"


def isolate(text: str) -> str:
    """Text of unknown direction (a name) kept whole: its own first strong letter decides.

    Only the isolated piece takes its direction from its content; the sentence
    around it keeps the language's direction.
    """
    return f"{FSI}{text}{PDI}"


def paragraph_mark(rtl: bool) -> str:
    """The mark that fixes a paragraph's direction to the language's."""
    return RLM if rtl else LRM


def strip_marks(text: str) -> str:
    """The text without the app's isolates and CLDR's directional marks (for parsing)."""
    return "".join(ch for ch in text if ch not in ISOLATES and ch not in MARKS)
