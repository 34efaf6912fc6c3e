"""What a Vietnamese page must not contain: English prose, ASCII-folded Vietnamese, '.' decimals.

Used by the report, index and explorer tests. Proper names pass: publication titles are taken
out by the caller, identifiers in <code> are not prose, and acronyms (EGDI, GDP, OSI …) are
upper case, which the word check ignores.
"""

from __future__ import annotations

import html
import re

# Words that are English and never Vietnamese (so "to", "an", "con", "cho" are left out).
ENGLISH = frozenset(
    """the and of with for from this that which each every chance median target targets
    scenario baseline interval deadline passed needs missed growth share edition years points
    digital economy training skills model probability expected observed values sources legal
    basis method assumptions assumption lever levers than more less about within above below
    between only also but not none countries country comparable rate fitted path gains gain
    pace official published report reports table series draws seed generated version commit
    error forecast backtest persistence drift coverage entered actual held left what its would
    could should has have had been will when where how why who all any some per year percent
    index rank ranks top by is are was were be on at""".split()  # noqa: SIM905
)
FOLDED = re.compile(
    r"\b(kinh te|chuyen doi|muc tieu|chinh phu|nguoi|duoc|cua|xac suat|ty trong|so lieu|"
    r"viet nam|thu hang|ky nang|dien tu|quyet dinh|nghi quyet)\b",
    re.IGNORECASE,
)
DOT_DECIMAL = re.compile(r"(?<![\d.,])(\d+\.\d{1,2}|0\.\d+)(?![\d])")


def visible_text(page: str, proper_names=()) -> str:
    """The text a reader sees: no scripts, styles, tags or <code> identifiers."""
    text = re.sub(r"<script.*?</script>|<style.*?</style>|<code>.*?</code>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    for name in sorted(proper_names, key=len, reverse=True):
        text = text.replace(name, " ")
    return re.sub(r"\s+", " ", text)


def problems(text: str) -> list[str]:
    """Every English word, folded Vietnamese phrase and '.' decimal found in `text`."""
    words = re.findall(r"[A-Za-z]+", text)
    english = sorted({w for w in words if w.lower() in ENGLISH and not w.isupper()})
    found = [f"English word {w!r}" for w in english]
    found += [f"folded Vietnamese {m.group(0)!r}" for m in FOLDED.finditer(text)]
    found += [f"'.' decimal {m.group(0)!r}" for m in DOT_DECIMAL.finditer(text)]
    return found
