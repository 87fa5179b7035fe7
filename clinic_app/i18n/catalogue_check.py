"""Checks the gettext catalogues before they ship.

Each check reads a Babel ``Catalog`` and returns ``Problem`` objects; the suite
runs the ones that must hold now (placeholders, script, fuzzy, review note) on
the real catalogues, and ``python -m clinic_app.i18n.catalogue_check`` runs all
of them, completeness included, and exits 1 when anything is wrong.
"""

from __future__ import annotations

import re
import string
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from clinic_app.i18n import DOMAIN, LANGUAGES, SOURCE_LANGUAGE
from clinic_app.resources import translations_dir

# The sentence every catalogue's header comment must carry until a reviewer signs it off.
REVIEW_NOTE = "awaits review by a native-speaking legal-services professional before release"
# Languages whose msgstrs must be written mostly in one script, and how Unicode
# names that script's letters.
SCRIPT_OF = {
    "ar": "ARABIC",
    "ur": "ARABIC",
    "bn": "BENGALI",
    "zh_Hant": "CJK",
    "ko": "HANGUL",
    "ru": "CYRILLIC",
}
# Messages with this context are Haitian Creole calendar words (CLDR has none);
# other languages take theirs from CLDR and may leave them empty.
HT_ONLY_CONTEXT_PREFIX = "ht:"

# Frequent characters that exist only in Simplified Chinese (their Traditional
# forms differ: 們 這 個 說 …). One of them in zh_Hant means Simplified text
# was delivered for the Traditional catalogue.
SIMPLIFIED_ONLY = frozenset(
    "们这个说时国会对为来问题务应请认证书护签发见间关门开长还进过从东车买卖实现点体"
    "学习经济当动态节历电话号码访员约诉讼审听办处录档须让难办亲钱银类总报纸罗专业"
)
# Names that stay in Latin letters in every language (not counted by the script check).
KEEP_LATIN = ("Clinic Intake",)
_PERCENT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<conv>.)"
)
# Acronyms and form numbers stay in Latin letters in every language: DACA, TPS,
# USCIS, EOIR, I-821D, A-number.
_ACRONYM = re.compile(r"\b(?:[A-Z][A-Z0-9]+|[A-Z](?=-))(?:-[A-Z0-9]+)*\b")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one message of one catalogue."""

    language: str
    kind: str  # "placeholder", "script", "fuzzy", "untranslated", "header", "syntax"
    msgid: str
    detail: str

    def __str__(self) -> str:
        short = self.msgid if len(self.msgid) <= 60 else self.msgid[:57] + "..."
        return f"{self.language}: {self.kind}: {short!r}: {self.detail}"


def percent_placeholders(text: str) -> tuple[Counter[str], list[str]]:
    """Named ``%(name)s`` placeholders (counted) and positional ones (in order)."""
    named: Counter[str] = Counter()
    positional: list[str] = []
    for match in _PERCENT.finditer(text):
        if match["conv"] == "%":
            continue
        if match["name"] is not None:
            named[f"%({match['name']}){match['conv']}"] += 1
        else:
            positional.append("%" + match["conv"])
    return named, positional


def brace_placeholders(text: str) -> Counter[str]:
    """Field names of a ``str.format`` string; raises ValueError if it is malformed."""
    fields: Counter[str] = Counter()
    for _literal, name, _spec, _conv in string.Formatter().parse(text):
        if name is not None:
            fields["{" + name + "}"] += 1
    return fields


def _ids(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, (list, tuple)) else [str(message.id)]


def _strings(message: Message) -> list[str]:
    if isinstance(message.string, (list, tuple)):
        return [str(s or "") for s in message.string]
    return [str(message.string or "")]


def _key(message: Message) -> str:
    return _ids(message)[0]


def check_placeholders(language: str, message: Message) -> list[Problem]:
    """Every msgstr uses exactly the msgid's placeholders (plural forms: a subset of names)."""
    problems: list[Problem] = []
    ids = _ids(message)
    plural = len(ids) > 1
    for form, text in enumerate(_strings(message)):
        if not text:
            continue
        where = f"msgstr[{form}]" if plural else "msgstr"
        if "python-brace-format" in message.flags:
            try:
                wanted = [brace_placeholders(i) for i in ids]
                got = brace_placeholders(text)
            except ValueError as error:
                problems.append(
                    Problem(language, "placeholder", _key(message), f"{where}: {error}")
                )
                continue
            problems += _compare(language, message, where, wanted, got, plural)
        elif re.search(r"\{[A-Za-z_]\w*\}", text):
            problems.append(
                Problem(language, "placeholder", _key(message), f"{where} adds a {{field}}")
            )
        if "python-format" in message.flags:
            wanted_named = [percent_placeholders(i)[0] for i in ids]
            got_named, got_positional = percent_placeholders(text)
            problems += _compare(language, message, where, wanted_named, got_named, plural)
            wanted_positional = percent_placeholders(ids[0])[1]
            if got_positional != wanted_positional:
                problems.append(
                    Problem(
                        language,
                        "placeholder",
                        _key(message),
                        f"{where} has {got_positional}, msgid has {wanted_positional}",
                    )
                )
    return problems


def _compare(
    language: str,
    message: Message,
    where: str,
    wanted: list[Counter[str]],
    got: Counter[str],
    plural: bool,
) -> list[Problem]:
    if plural:
        allowed = set().union(*wanted)
        extra = sorted(set(got) - allowed)
        if extra:
            return [Problem(language, "placeholder", _key(message), f"{where} adds {extra}")]
        return []
    if set(got) != set(wanted[0]):
        detail = f"{where} has {sorted(got)}, msgid has {sorted(wanted[0])}"
        return [Problem(language, "placeholder", _key(message), detail)]
    return []


def letters_outside_placeholders(text: str) -> str:
    """The text without placeholders, acronyms, form numbers and product names."""
    for name in KEEP_LATIN:
        text = text.replace(name, " ")
    text = _PERCENT.sub(" ", text)
    text = re.sub(r"\{[^{}]*\}", " ", text)
    return _ACRONYM.sub(" ", text)


def script_share(text: str, script: str) -> tuple[int, int]:
    """(letters in ``script``, letters counted) after dropping placeholders and acronyms."""
    in_script = counted = 0
    for ch in letters_outside_placeholders(text):
        if not unicodedata.category(ch).startswith(("L", "M")):
            continue
        name = unicodedata.name(ch, "")
        if unicodedata.category(ch).startswith("M") and not name.startswith(script):
            continue  # a combining mark belongs to the letter before it
        counted += 1
        if name.startswith(script):
            in_script += 1
    return in_script, counted


def check_script(language: str, message: Message) -> list[Problem]:
    """In ar, ur, bn, zh_Hant, ko and ru, most letters of each msgstr are in that script."""
    script = SCRIPT_OF.get(language)
    if script is None:
        return []
    problems = []
    for text in _strings(message):
        if language == "zh_Hant":
            simplified = sorted(set(text) & SIMPLIFIED_ONLY)
            if simplified:
                detail = f"Simplified characters {''.join(simplified)} in a Traditional catalogue"
                problems.append(Problem(language, "script", _key(message), detail))
        in_script, counted = script_share(text, script)
        if counted and in_script * 2 <= counted:
            detail = f"only {in_script} of {counted} letters are {script.lower()}: {text[:40]!r}"
            problems.append(Problem(language, "script", _key(message), detail))
    return problems


def check_fuzzy(language: str, message: Message) -> list[Problem]:
    if message.fuzzy:
        return [Problem(language, "fuzzy", _key(message), "marked fuzzy")]
    return []


def check_complete(language: str, message: Message) -> list[Problem]:
    """Every form of every msgstr is filled in (Haitian-only calendar words excepted)."""
    if language != "ht" and str(message.context or "").startswith(HT_ONLY_CONTEXT_PREFIX):
        return []
    if all(_strings(message)):
        return []
    return [Problem(language, "untranslated", _key(message), "empty msgstr")]


def check_header(language: str, catalog: Catalog) -> list[Problem]:
    """The header comment says the translation awaits review; the language is right."""
    problems = []
    comment = " ".join(line.lstrip("#").strip() for line in catalog.header_comment.splitlines())
    if REVIEW_NOTE not in " ".join(comment.split()):
        problems.append(Problem(language, "header", "", f"header comment lacks {REVIEW_NOTE!r}"))
    if catalog.fuzzy:
        problems.append(Problem(language, "fuzzy", "", "header marked fuzzy"))
    if str(catalog.locale) != language:
        problems.append(Problem(language, "header", "", f"Language: is {catalog.locale}"))
    return problems


MESSAGE_CHECKS = {
    "placeholder": check_placeholders,
    "script": check_script,
    "fuzzy": check_fuzzy,
    "untranslated": check_complete,
}


ALL_CHECKS = ("header", *MESSAGE_CHECKS)


def check_catalog(
    language: str, catalog: Catalog, kinds: Iterable[str] = ALL_CHECKS
) -> list[Problem]:
    """Runs the named checks ("header" and the keys of MESSAGE_CHECKS) on one catalogue."""
    kinds = list(kinds)
    problems = check_header(language, catalog) if "header" in kinds else []
    for message in catalog:
        if not message.id:
            continue
        for kind in kinds:
            if kind in MESSAGE_CHECKS:
                problems += MESSAGE_CHECKS[kind](language, message)
    return problems


def po_path(language: str, root: Path | None = None) -> Path:
    return (root or translations_dir()) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def shipped_languages() -> Iterator[str]:
    return (code for code in LANGUAGES if code != SOURCE_LANGUAGE)


def check_catalogues(
    root: Path | None = None,
    kinds: Iterable[str] = ALL_CHECKS,
) -> list[Problem]:
    """Every check over every shipped catalogue; an empty list means ready to release."""
    kinds = list(kinds)
    problems: list[Problem] = []
    for code in shipped_languages():
        path = po_path(code, root)
        try:
            catalog = read_catalog(path)
        except (OSError, ValueError) as error:
            problems.append(Problem(code, "syntax", "", f"{path.name}: {error}"))
            continue
        problems += check_catalog(code, catalog, kinds)
    return problems


def main(argv: list[str] | None = None) -> int:
    """Prints every problem (or a count per language with ``--summary``); 1 if any."""
    args = sys.argv[1:] if argv is None else argv
    problems = check_catalogues()
    if "--summary" in args:
        counts = Counter((p.language, p.kind) for p in problems)
        for (language, kind), n in sorted(counts.items()):
            print(f"{language}: {kind}: {n}")
    else:
        for problem in problems:
            print(problem)
    print(f"{len(problems)} problem(s) in {len(LANGUAGES) - 1} catalogues")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
