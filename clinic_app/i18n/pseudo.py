"""A pseudo-locale for layout testing: accented, 40% longer, bracketed.

``en_XA`` (the code Android uses for the same purpose) goes through the same
translation layer as a real language but is never offered in the language
picker. Every message comes back readable to an English speaker yet visibly
"translated": "[Śîĝñ îñ ~ ŀōŕēɱ]". Text that escaped ``_()`` stays plain
ASCII and stands out; labels too narrow for the longer languages (Russian,
Polish, French run 30–40% longer than English) show as cut off.
Placeholders (``{name}``, ``%(name)s``, ``%d``), markup tags and entities are
left intact so formatting still works.
"""

from __future__ import annotations

import gettext
import math
import re

PSEUDO_LANGUAGE = "en_XA"
GROWTH = 1.4

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķŀɱñöƥqŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĿṀÑÖƤQŔŠŢÛṼŴẊÝŽ",
)
# Kept as they are: format placeholders, markup tags, entities.
_KEEP = re.compile(
    r"\{[^{}]*\}|%(?:\([^)]*\))?[#0 +\-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]|<[^<>]+>|&\w+;|&#\d+;"
)
_PADDING = "ŀōŕēɱ ïƥšūɱ đōŀōŕ šïţ àɱēţ ćōñšēćţēţūŕ àđïƥïšćïñĝ ēŀïţ šēđ đō ēïūšɱōđ"


def pseudo(message: str) -> str:
    """``message`` accented, bracketed and padded to 40% more characters."""
    if not message:
        return message
    out: list[str] = []
    position = 0
    for match in _KEEP.finditer(message):
        out.append(message[position : match.start()].translate(_ACCENTED))
        out.append(match.group())
        position = match.end()
    out.append(message[position:].translate(_ACCENTED))
    body = "".join(out)
    extra = math.ceil(len(message) * GROWTH) - len(message) - 2  # the brackets count
    if extra <= 0:
        return f"[{body}]"
    if extra == 1:
        return f"[{body}~]"
    padding = (_PADDING * (1 + extra // len(_PADDING)))[: extra - 1]
    if padding.endswith(" "):
        padding = padding[:-1] + "ŀ"
    return f"[{body} {padding}]"


class PseudoTranslations(gettext.NullTranslations):
    """Every message through ``pseudo``."""

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)
