"""Each language's name in its own language and script, from CLDR (generated).

Cached here because asking Babel costs ~60 ms at start-up. Regenerate with
``python -m clinic_app.i18n.locales > clinic_app/i18n/native_names.py``.
"""

NATIVE_NAMES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "zh_Hant": "中文 (繁體)",
    "ru": "Русский",
    "bn": "বাংলা",
    "ht": "Kreyòl Ayisyen",
    "ko": "한국어",
    "ar": "العربية",
    "ur": "اردو",
    "fr": "Français",
    "pl": "Polski",
}
