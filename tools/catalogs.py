"""Keep the gettext catalogs in step with the English text in the code and the data.

    python tools/catalogs.py extract   # dxmodel/text/locale/dxmodel.pot from every English text
    python tools/catalogs.py update    # merge the .pot into each language's .po
    python tools/catalogs.py compile   # each .po to its .mo (`make setup` runs this)

Add a language: `mkdir -p dxmodel/text/locale/<lang>/LC_MESSAGES`, copy the .pot there as
dxmodel.po, translate it. No code changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from dxmodel.outputs.translatable import messages
from dxmodel.text.i18n import DOMAIN, LOCALE_DIR

POT = LOCALE_DIR / f"{DOMAIN}.pot"


def template() -> Catalog:
    catalog = Catalog(project="dxmodel", domain=DOMAIN, fuzzy=False)
    for context, text in messages():
        catalog.add(text, context=context)
    return catalog


def catalogs() -> list[Path]:
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract() -> None:
    with POT.open("wb") as handle:
        write_po(handle, template(), omit_header=False, sort_output=False, width=96)
    print(f"wrote {POT}")


def update() -> None:
    pot = template()
    for path in catalogs():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=path.parent.parent.name, domain=DOMAIN)
        catalog.update(pot, no_fuzzy_matching=True)
        with path.open("wb") as handle:
            write_po(
                handle,
                catalog,
                omit_header=False,
                sort_output=False,
                width=96,
                ignore_obsolete=True,
            )
        missing = [m.id for m in catalog if m.id and not m.string]
        print(f"updated {path}: {len(missing)} untranslated")


def compile_all() -> None:
    for path in catalogs():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=path.parent.parent.name, domain=DOMAIN)
        with path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)


if __name__ == "__main__":
    commands = {"extract": extract, "update": update, "compile": compile_all}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(f"usage: {sys.argv[0]} {'|'.join(commands)}")
    commands[sys.argv[1]]()
