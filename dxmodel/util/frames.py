"""Row iteration for the small tables on the explorer's hot path."""

from collections.abc import Iterator
from types import SimpleNamespace

import pandas as pd


def rows(frame: pd.DataFrame) -> Iterator[SimpleNamespace]:
    """Each row with attribute access, like `itertuples`, without its cost.

    `itertuples` builds a namedtuple class on every call (an `eval`), which costs more than
    the work done on a 20-row scorecard; a slider move iterates several such tables.
    """
    for record in frame.to_dict("records"):
        yield SimpleNamespace(**record)
