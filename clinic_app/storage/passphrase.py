"""Passphrase policy, a strength estimate and generated word passphrases.

Policy: at least 12 characters or at least 4 words (issue 3), and an
estimated 10^10 guesses or more by zxcvbn (issue 19), which knows common
passwords, words, names, keyboard patterns, repeats, sequences and dates.
At the production Argon2id cost (about 0.5 s of a core per guess) 10^10
guesses are about 160 core-years. The generator draws 6 words from the EFF
large word list (7,776 words, about 77 bits).
"""

from __future__ import annotations

import math
import string
import unicodedata
from functools import cache
from typing import Any, NamedTuple

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

# zxcvbn's estimate of the guesses an attacker needs; below this a passphrase is refused.
MIN_GUESSES = 10**10
# zxcvbn refuses longer input (its matching is quadratic); a longer passphrase
# is judged by its first 72 characters, which can only underestimate it.
ZXCVBN_MAX_CHARS = 72

# Why zxcvbn finds a passphrase guessable, by the kind of its longest weak part.
WEAK_REASONS = {
    "dictionary": N_(
        "This passphrase is too easy to guess: it is built on a common password, "
        "word or name; add more unusual words."
    ),
    "repeat": N_("This passphrase is too easy to guess: it repeats characters or words."),
    "sequence": N_("This passphrase is too easy to guess: it is a sequence such as abcd or 1234."),
    "spatial": N_("This passphrase is too easy to guess: it follows the keyboard, such as qwerty."),
    "date": N_("This passphrase is too easy to guess: it is built on a date or a year."),
}
WEAK_GENERIC = N_(
    "This passphrase is too easy to guess; use four or more unusual words, "
    "or press Suggest a passphrase."
)


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
    """The length rule: 12 characters or 4 words (strength is ``weakness``'s job)."""
    p = normalize(passphrase)
    return len(p) >= MIN_CHARS or word_count(p) >= MIN_WORDS


def _zxcvbn(passphrase: str) -> dict[str, Any]:
    from zxcvbn import zxcvbn  # loads its word lists: only when a passphrase is judged

    result: dict[str, Any] = zxcvbn(normalize(passphrase)[:ZXCVBN_MAX_CHARS])
    return result


def guesses(passphrase: str) -> float:
    """zxcvbn's estimate of the guesses needed to find ``passphrase``."""
    if not passphrase:
        return 1.0
    return float(_zxcvbn(passphrase)["guesses"])


def weakness(passphrase: str) -> str | None:
    """Why zxcvbn finds ``passphrase`` guessable (untranslated), or None when it is not."""
    if not passphrase:
        return WEAK_GENERIC
    result = _zxcvbn(passphrase)
    if float(result["guesses"]) >= MIN_GUESSES:
        return None
    parts = [m for m in result["sequence"] if m.get("pattern") in WEAK_REASONS]
    if not parts:
        return WEAK_GENERIC
    longest = max(parts, key=lambda m: len(str(m.get("token", ""))))
    return WEAK_REASONS[str(longest["pattern"])]


def check(passphrase: str) -> None:
    """Raises ``WeakPassphrase`` with a clear sentence when the policy is not met."""
    if not meets_policy(passphrase):
        raise WeakPassphrase(
            _("A passphrase needs at least {chars} characters or at least {words} words.").format(
                chars=MIN_CHARS, words=MIN_WORDS
            )
        )
    reason = weakness(passphrase)
    if reason is not None:
        raise WeakPassphrase(_(reason))


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
    if not meets_policy(p) or guesses(p) < MIN_GUESSES:
        level = min(level, 1)
    return Strength(round(bits, 1), level)
