"""The comparators a target may use, in one place: how they compare (observed checks and
simulated draws alike), which the data may hold, and how a reader writes them."""

import operator

import numpy as np

COMPARATORS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}
SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}


def meets(values: np.ndarray | float, comparator: str, threshold: float) -> np.ndarray | bool:
    """Whether each value satisfies `value <comparator> threshold` (for ranks: rank <= 50)."""
    try:
        compare = COMPARATORS[comparator]
    except KeyError:
        allowed = ", ".join(COMPARATORS)
        raise ValueError(f"unknown comparator {comparator!r}; use one of {allowed}") from None
    return compare(values, threshold)
