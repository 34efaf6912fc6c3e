"""The gettext catalogs: complete, in step with the code and the data, and a language is a file."""

from __future__ import annotations

import shutil

import pytest
from babel.messages.pofile import read_po

from dxmodel.outputs.translatable import messages
from dxmodel.text import i18n
from dxmodel.text.i18n import languages, number, percent, significant, t, tr


def _catalog(language: str):
    with (i18n.LOCALE_DIR / language / "LC_MESSAGES" / "dxmodel.po").open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.mark.parametrize("language", [x for x in languages() if x != "en"])
def test_every_english_text_has_a_translation(language):
    catalog = _catalog(language)
    translated = {(m.context, m.id) for m in catalog if m.id and m.string and not m.fuzzy}
    missing = [pair for pair in messages() if pair not in translated]
    assert missing == [], f"{len(missing)} untranslated in {language}, e.g. {missing[:3]}"


def test_the_template_is_in_step_with_the_code_and_the_data():
    with (i18n.LOCALE_DIR / "dxmodel.pot").open("rb") as handle:
        template = {(m.context, m.id) for m in read_po(handle) if m.id}
    assert template == set(messages()), "run: python tools/catalogs.py extract && ... update"


def test_placeholders_survive_translation():
    import re

    catalog = _catalog("vi")
    for m in catalog:
        if m.id and m.string:
            assert set(re.findall(r"\{\w+\}", m.id)) == set(re.findall(r"\{\w+\}", m.string)), m.id


def test_a_new_language_is_a_new_po_file_and_nothing_else(tmp_path, monkeypatch):
    """Copy the template as a 'fr' catalog with one translation: 'fr' is then a language."""
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale, ignore=shutil.ignore_patterns("*.mo"))
    (locale / "fr" / "LC_MESSAGES").mkdir(parents=True)
    pot = (locale / "dxmodel.pot").read_text(encoding="utf-8")
    pot = pot.replace(
        'msgctxt "year"\nmsgid "Year"\nmsgstr ""', 'msgctxt "year"\nmsgid "Year"\nmsgstr "Année"'
    )
    (locale / "fr" / "LC_MESSAGES" / "dxmodel.po").write_text(pot, encoding="utf-8")
    monkeypatch.setenv("DXMODEL_LOCALE_DIR", str(locale))
    assert "fr" in i18n.languages()
    assert t("year", "fr") == "Année"
    assert t("edition", "fr") == t("edition", "en")  # untranslated: English, never a key


def test_numbers_follow_the_locale():
    assert number(1234.5, 1, "en") == "1,234.5" and number(1234.5, 1, "vi") == "1.234,5"
    assert significant(0.0517, 3, "vi") == "0,0517" and significant(47.23, 3, "en") == "47.2"
    assert percent(0.001) == "<1%" and percent(0.999) == ">99%" and percent(0.257, "vi") == "26%"


def test_data_labels_translate_and_unknown_text_stays_english():
    assert tr("basis", "Decision 749/QD-TTg (2020)", "vi") == "Quyết định 749/QĐ-TTg (2020)"
    assert tr("basis", "Decision 9999 (2099)", "vi") == "Decision 9999 (2099)"
    assert tr("clause", float("nan"), "vi") == ""
