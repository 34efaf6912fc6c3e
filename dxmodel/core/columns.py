"""Column names of dxmodel's tables, and the geography every target is about, held once (as
pyam's LONG_IDX)."""

INDICATOR = "indicator"
GEO = "geo"
YEAR = "year"
VALUE = "value"
UNIT = "unit"
SOURCE = "source"
SERIES = "series"

#: The observed-history long table: one row per indicator, geography, year and source.
LONG = (INDICATOR, GEO, YEAR, VALUE, UNIT, SOURCE)
#: What makes a history row unique.
LONG_KEY = (INDICATOR, GEO, YEAR, SOURCE)

TARGET = "target"
COMPARATOR = "comparator"
JUDGED_ON_YEAR = "judged_on_year"
BASIS = "basis"
CLAUSE = "clause"
NOTE = "note"

QUANTILE = "quantile"

#: The geography every target is about: Viet Nam (ISO 3166 alpha-3, as in `geo`).
FOCUS_GEO = "VNM"
