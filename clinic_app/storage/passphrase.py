"""Passphrase policy, a strength estimate and generated word passphrases.

Policy (issue 3): at least 12 characters, or at least 4 words. The strength
shown is a rough lower-bound entropy estimate; the generator draws 6 words
from the EFF large word list (7,776 words, about 77 bits).
"""

from __future__ import annotations

import math
import string
import unicodedata
from functools import cache
from typing import NamedTuple

from clinic_app.i18n import N_, _
from clinic_app.resources import resource_path
from clinic_app.storage.errors import WeakPassphrase

MIN_CHARS = 12
MIN_WORDS = 4
# Only words of 3 or more characters count, so "a b c d" is not four words.
MIN_WORD_CHARS = 3
GENERATED_WORDS = 6
WORDLIST = ("wordlist", "eff_large_wordlist.txt")

STRENGTH_LABELS = (N_("very weak"), N_("weak"), N_("fair"), N_("strong"), N_("very strong"))


@cache
def wordlist() -> tuple[str, ...]:
    """The shipped word list (resources/wordlist/eff_large_wordlist.txt)."""
    text = resource_path(*WORDLIST).read_text(encoding="utf-8")
    words = tuple(w.strip() for w in text.splitlines() if w.strip())
    if len(words) < 2048:
        raise RuntimeError("the shipped word list is too short")
    return words


def generate(words: int = GENERATED_WORDS) -> str:
    """A random passphrase of ``words`` words joined by spaces."""
    import secrets  # loads OpenSSL's hashlib: not on the app's start-up path

    pool = wordlist()
    return " ".join(secrets.choice(pool) for _ in range(words))


def normalize(passphrase: str) -> str:
    """NFC, so the same passphrase typed on another keyboard layout still matches."""
    return unicodedata.normalize("NFC", passphrase)


def word_count(passphrase: str) -> int:
    return sum(1 for w in passphrase.split() if len(w) >= MIN_WORD_CHARS)


def meets_policy(passphrase: str) -> bool:
    p = normalize(passphrase)
    return len(p) >= MIN_CHARS or word_count(p) >= MIN_WORDS


def check(passphrase: str) -> None:
    """Raises ``WeakPassphrase`` with a clear sentence when the policy is not met."""
    if not meets_policy(passphrase):
        raise WeakPassphrase(
            _("A passphrase needs at least {chars} characters or at least {words} words.").format(
                chars=MIN_CHARS, words=MIN_WORDS
            )
        )


class Strength(NamedTuple):
    bits: float
    level: int  # 0..4, an index into STRENGTH_LABELS

    @property
    def label(self) -> str:
        return _(STRENGTH_LABELS[self.level])


def estimate(passphrase: str) -> Strength:
    """A conservative estimate: the better of a word model and a character model."""
    p = normalize(passphrase)
    if not p:
        return Strength(0.0, 0)
    words = p.lower().split()
    known = set(wordlist())
    word_bits = 0.0
    if words and all(w in known for w in words):
        word_bits = len(words) * math.log2(len(known))
    pool = 0
    if any(c in string.ascii_lowercase for c in p):
        pool += 26
    if any(c in string.ascii_uppercase for c in p):
        pool += 26
    if any(c in string.digits for c in p):
        pool += 10
    if any(c in string.punctuation or c == " " for c in p):
        pool += 33
    if any(ord(c) > 127 for c in p):
        pool += 100
    # Repeated characters add little: count distinct characters, plus a bit per repeat.
    distinct = len(set(p))
    char_bits = distinct * math.log2(max(pool, 2)) + (len(p) - distinct)
    bits = max(word_bits, char_bits) if word_bits else char_bits
    level = 0 if bits < 28 else 1 if bits < 45 else 2 if bits < 60 else 3 if bits < 80 else 4
    if not meets_policy(p):
        level = min(level, 1)
    return Strength(round(bits, 1), level)
