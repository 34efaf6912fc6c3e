"""User-facing text: English in the code and the data, every other language in a gettext catalog.

English is the source language: UI strings are declared once in `dxmodel.text.messages` (a key and
its English text), and data carries its own English (lever labels in the lever registry,
indicator labels and units in data/indicators.csv, legal bases and clauses in targets.csv,
titles in sources.csv). Translations live in `dxmodel/locale/<lang>/LC_MESSAGES/dxmodel.po`,
one entry per (context, English text), so a third language is a new .po file and no code
change. `tools/catalogs.py` keeps the catalogs in step with the code and the data; `make setup`
compiles them to .mo, and a missing or stale .mo is compiled in memory from its .po.
Numbers, percentages and ranges are written by Babel in the language's locale.
"""

from __future__ import annotations

import functools
import gettext
import io
import math
from pathlib import Path

from babel.numbers import format_decimal

from dxmodel.text.messages import MESSAGES

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "dxmodel"
SOURCE_LANGUAGE = "en"


def _catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def available_languages() -> tuple[str, ...]:
    """English, then every language with a catalog."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANGUAGE, *[x for x in found if x != SOURCE_LANGUAGE])


LANGUAGES = available_languages()


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of `language` (English needs none)."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    po = _catalog_path(language)
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        data = mo.read_bytes()
    else:  # a checkout without `make setup`: compile in memory
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        buffer = io.BytesIO()
        with po.open("rb") as handle:
            write_mo(buffer, read_po(handle, locale=language, domain=DOMAIN))
        data = buffer.getvalue()
    return gettext.GNUTranslations(io.BytesIO(data))


def t(key: str, language: str = "en", **values: object) -> str:
    """The UI string `key` in `language` (its English where untranslated), formatted."""
    return translations(language).pgettext(key, MESSAGES[key]).format(**values)


def tr(context: str, text: object, language: str = "en") -> str:
    """A piece of data's English `text` in `language`: a label, a unit, a title, a clause."""
    if not isinstance(text, str) or not text:
        return ""
    return translations(language).pgettext(context, text)


def number(value: float, digits: int = 1, language: str = "en") -> str:
    """A number as readers of `language` write it: 1,234.5 in English, 1.234,5 in Vietnamese."""
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(round(float(value), digits), format=pattern, locale=language)


def percent(p: float, language: str = "en") -> str:
    """A probability as a whole percent; never 0% or 100%, which a simulation cannot show."""
    if p is None or p != p:
        return "—"
    if p < 0.005:
        return "<1%"
    if p > 0.995:
        return ">99%"
    return f"{number(100 * p, 0, language)}%"


def share(p: float, language: str = "en") -> str:
    """A counted share (18 of 18 runs) as a whole percent: 100% and 0% are exact here."""
    return "—" if p is None or p != p else f"{number(100 * p, 0, language)}%"


def significant(value: float, digits: int = 3, language: str = "en") -> str:
    """`value` to `digits` significant figures (whole numbers above that), in `language`."""
    if value != value:
        return "—"
    if value == 0:
        return "0"
    places = max(0, digits - 1 - math.floor(math.log10(abs(value))))
    pattern = "#,##0" + ("." + "#" * places if places > 0 else "")
    return format_decimal(round(float(value), places), format=pattern, locale=language)


def value_range(low: float, high: float, digits: int = 2, language: str = "en") -> str:
    """'13.00–13.61' in English, '13,00–13,61' in Vietnamese."""
    return f"{number(low, digits, language)}–{number(high, digits, language)}"


def indicator_labels(indicators, language: str = "en") -> dict[str, tuple[str, str]]:
    """Indicator -> (label, unit) in `language`, from the indicators table (English in data)."""
    return {
        row.indicator: (
            tr(f"indicator:{row.indicator}:label", row.label, language),
            tr(f"indicator:{row.indicator}:unit", row.unit, language),
        )
        for row in indicators.itertuples(index=False)
    }


def basis_in(basis: str, language: str) -> str:
    """A target's legal basis (document, number and year) in `language`."""
    return tr("basis", basis, language)


def clause_in(clause: object, language: str) -> str:
    """A target's clause in `language` (empty where the registry has none)."""
    return tr("clause", clause, language)
