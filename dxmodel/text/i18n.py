"""User-facing text: English in the code and the data, every other language in a gettext catalog.

English is the source language: UI strings are declared once in `dxmodel.text.messages` (a key and
its English text), and data carries its own English (lever labels in the lever registry,
indicator labels and units in data/indicators.csv, legal bases and clauses in targets.csv,
titles in sources.csv). Translations live in `dxmodel/text/locale/<lang>/LC_MESSAGES/dxmodel.po`,
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
import os
from pathlib import Path

from babel.numbers import format_decimal

from dxmodel.text.messages import MESSAGES
from dxmodel.util.errors import DxError

LOCALE_DIR = Path(__file__).parent / "locale"  # the catalogs that ship with dxmodel
DOMAIN = "dxmodel"
SOURCE_LANGUAGE = "en"


def catalog_folders() -> tuple[Path, ...]:
    """Where catalogs are found: a folder named by `DXMODEL_LOCALE_DIR` first (a translator's
    catalog tried before it ships, or a test's), then those that ship with dxmodel."""
    extra = os.environ.get("DXMODEL_LOCALE_DIR")
    return (Path(extra), LOCALE_DIR) if extra else (LOCALE_DIR,)


def languages() -> tuple[str, ...]:
    """English, then every language with a catalog: the only list of languages there is."""
    return _languages(catalog_folders())


@functools.cache
def _languages(folders: tuple[Path, ...]) -> tuple[str, ...]:
    found = {p.parent.parent.name for f in folders for p in f.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return (SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE}))


def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of `language` (English needs none)."""
    return _translations(catalog_folders(), language)


@functools.cache
def _translations(folders: tuple[Path, ...], language: str) -> gettext.NullTranslations:
    catalogs = [f / language / "LC_MESSAGES" / f"{DOMAIN}.po" for f in folders]
    po = next((c for c in catalogs if c.exists()), None)
    if language == SOURCE_LANGUAGE or po is None:
        return gettext.NullTranslations()
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        data = mo.read_bytes()
    else:  # a checkout without `make setup`, or a catalog being tried: compile in memory
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        buffer = io.BytesIO()
        with po.open("rb") as handle:
            write_mo(buffer, read_po(handle, locale=language, domain=DOMAIN))
        data = buffer.getvalue()
    return gettext.GNUTranslations(io.BytesIO(data))


def check_language(language: object, where: str = "language") -> str:
    """`language` if a catalog (or English) has it; else a one-line error naming the choice."""
    if language not in languages():
        raise DxError(f"{where} {language!r} is not allowed; use one of: {', '.join(languages())}")
    return str(language)


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


def vega_locale(language: str) -> dict:
    """Vega's number format for `language`, from Babel's locale data: charts write numbers
    as the page around them does."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return {
        "number": {
            "decimal": get_decimal_symbol(language),
            "thousands": get_group_symbol(language),
            "grouping": [3],
            "currency": ["", ""],
        }
    }


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
