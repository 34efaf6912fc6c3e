"""The one registry of levers: what a scenario can set, its range, default and meaning.

Validation, explorer sliders, report parameter tables and docs all read this registry, so a
lever is described once. As in En-ROADS, *policy* levers (what government controls) are kept
apart from *assumptions* (what it does not); *settings* steer the computation, not the world.
Defaults describe the baseline (measured trends, fitted dynamics, no extra effort); each says
where its number comes from. A `span` is the plausible range sweeps and tornado charts explore.
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from dxmodel.text.i18n import tr
from dxmodel.util.errors import ScenarioError, short_repr

Kind = Literal["policy", "assumption", "setting"]
Value = float | int | str
KINDS: tuple[Kind, ...] = ("policy", "assumption", "setting")
SHARED = "simulation"  # the model name of levers every family reads (draws, seed)


@dataclass(frozen=True, kw_only=True)
class Lever:
    """One input a scenario may set. Numeric unless `choices` is given."""

    name: str
    kind: Kind
    model: str  # who reads it: a family (digital_economy, training, ranking), a part of one
    # (ranking.world: the other countries; ranking.pace: Viet Nam's path), or simulation (all)
    label_text: str  # English, the gettext msgid; other languages in the catalogs
    unit_text: str
    default: Value
    help_text: str
    min: float | None = None
    max: float | None = None
    step: float | None = None
    integer: bool = False
    choices: tuple[str, ...] = ()
    # what a sweep explores and the tornado's low and high: policy levers from below the
    # stalled preset to beyond the accelerated one, assumptions over a range around the
    # default that the evidence cannot narrow (inside min-max; settings and choices have none)
    span: tuple[float, float] | None = None

    def check(self, value: object, where: str) -> Value:
        """Return `value` if this lever accepts it; otherwise raise a one-line ScenarioError."""
        at = f"{where}: levers.{self.name}"
        if self.choices:
            if not isinstance(value, str) or value not in self.choices:
                raise ScenarioError(
                    f"{at} = {short_repr(value)} is not one of: {', '.join(self.choices)}"
                )
            return value
        if isinstance(value, bool) or not isinstance(value, numbers.Real):  # numpy's too
            raise ScenarioError(
                f"{at} must be a number, got {short_repr(value)}; allowed {self.describe_range()}"
            )
        value = float(value) if not isinstance(value, int) else value
        if not math.isfinite(value):
            raise ScenarioError(
                f"{at} = {short_repr(value)} is not a finite number; {self.describe_range()}"
            )
        if self.integer and value != int(value):
            raise ScenarioError(
                f"{at} = {short_repr(value)} must be a whole number; {self.describe_range()}"
            )
        if not self.min <= value <= self.max:
            raise ScenarioError(
                f"{at} = {short_repr(value)} is out of range; allowed {self.describe_range()}"
            )
        return int(value) if self.integer else float(value)

    def describe_range(self) -> str:
        if self.choices:
            return "one of: " + ", ".join(self.choices)
        return f"{self.min:g} to {self.max:g} ({self.unit_text})"

    def context(self, field: str) -> str:
        """The gettext context of one of its texts: 'lever:<name>:label|unit|help'."""
        return f"lever:{self.name}:{field}"

    def label(self, language: str = "en") -> str:
        return tr(self.context("label"), self.label_text, language)

    def unit(self, language: str = "en") -> str:
        return tr(self.context("unit"), self.unit_text, language)

    def help(self, language: str = "en") -> str:
        return tr(self.context("help"), self.help_text, language)


_PCT_YR = "% per year"
_EDITION = "index points per edition"

LEVERS: tuple[Lever, ...] = (
    # --- digital economy -------------------------------------------------------------------
    Lever(
        name="digital_economy_growth",
        kind="policy",
        model="digital_economy",
        label_text="Digital-economy growth",
        unit_text=_PCT_YR,
        default=9.0,
        help_text=(
            "Yearly growth of digital-economy value added at current prices. Default: the pace "
            "that "
            "took GSO's share from 12.66% (2020) to 14.02% (2025) at 6.5% GDP growth. Where it "
            "would "
            "raise the share faster than the chosen series' fastest year on record, the excess "
            "halves every 2 years from the first projected year."
        ),
        min=-10,
        max=50,
        step=0.1,
        span=(5, 20),
    ),
    Lever(
        name="gdp_growth",
        kind="assumption",
        model="digital_economy",
        label_text="GDP growth (current prices)",
        unit_text=_PCT_YR,
        default=6.5,
        help_text=(
            "Yearly growth of GDP at current prices. Default: World Bank current-US$ GDP, average "
            "of 2019-2023 (6.5%)."
        ),
        min=-10,
        max=20,
        step=0.1,
        span=(3, 10),
    ),
    Lever(
        name="digital_economy_series",
        kind="setting",
        model="digital_economy",
        label_text="Digital-economy series",
        unit_text="series",
        default="gso_value_added",
        help_text=(
            "Which measured series the share starts from and is judged on. GSO value added is the "
            "official statistic; MIC estimates are revenue-based and run about 5 points higher. "
            "Series are never mixed."
        ),
        choices=("gso_value_added", "mic_estimate"),
    ),
    # --- training and skills ---------------------------------------------------------------
    Lever(
        name="officials_training_capacity",
        kind="policy",
        model="training",
        label_text="Training capacity for officials",
        unit_text="thousand training instances per year",
        default=200,
        help_text=(
            "Training instances delivered to cadres, civil servants and public employees each "
            "year. Default: OneTouch's 204,397 instances in about its first year."
        ),
        min=0,
        max=3000,
        step=10,
        span=(100, 500),
    ),
    Lever(
        name="instances_per_person",
        kind="assumption",
        model="training",
        label_text="Training instances per person trained",
        unit_text="instances per person",
        default=1.5,
        help_text="OneTouch counts instances, not people. No ratio is published: an assumption.",
        min=1,
        max=5,
        step=0.1,
        span=(1, 3),
    ),
    Lever(
        name="officials_attrition",
        kind="assumption",
        model="training",
        label_text="Turnover of officials",
        unit_text=_PCT_YR,
        default=5,
        help_text=(
            "Share of officials leaving each year, replaced by untrained staff. No published "
            "rate: an assumption."
        ),
        min=0,
        max=30,
        step=0.5,
        span=(2, 10),
    ),
    Lever(
        name="officials_headcount_change",
        kind="assumption",
        model="training",
        label_text="Change in the number of officials",
        unit_text=_PCT_YR,
        default=-2.0,
        help_text=(
            "Yearly change of the workforce to be trained. Default: the civil-service payroll "
            "quota, 265,106 (2018) to 249,650 (2021), -2.0% a year."
        ),
        min=-10,
        max=5,
        step=0.5,
        span=(-4, 0),
    ),
    Lever(
        name="expert_training_capacity",
        kind="policy",
        model="training",
        label_text="Digital-transformation experts trained",
        unit_text="persons per year",
        default=200,
        help_text="Places in expert programmes each year. No published figure: an assumption.",
        min=0,
        max=2000,
        step=10,
        integer=True,
        span=(100, 500),
    ),
    Lever(
        name="expert_completion_rate",
        kind="assumption",
        model="training",
        label_text="Expert programme completion",
        unit_text="%",
        default=80,
        help_text="Share of entrants who complete. No published figure: an assumption.",
        min=0,
        max=100,
        step=1,
        span=(50, 95),
    ),
    Lever(
        name="graduate_intake",
        kind="policy",
        model="training",
        label_text="Intake of high-quality digital-technology programmes",
        unit_text="persons per year",
        default=1500,
        help_text=(
            "First-year intake of high-quality engineering and bachelor programmes in digital "
            "technology. No published figure: an assumption."
        ),
        min=0,
        max=20000,
        step=100,
        integer=True,
        span=(1000, 5000),
    ),
    Lever(
        name="graduate_intake_growth",
        kind="policy",
        model="training",
        label_text="Growth of that intake",
        unit_text=_PCT_YR,
        default=10,
        help_text="Yearly growth of the intake above. An assumption until intake data exist.",
        min=-20,
        max=50,
        step=1,
        span=(0, 25),
    ),
    Lever(
        name="graduate_completion_rate",
        kind="assumption",
        model="training",
        label_text="Programme completion",
        unit_text="%",
        default=75,
        help_text="Share of entrants who graduate. No published figure: an assumption.",
        min=0,
        max=100,
        step=1,
        span=(50, 90),
    ),
    Lever(
        name="skills_start_share",
        kind="assumption",
        model="training",
        label_text="Working-age people able to use online public services (2022)",
        unit_text="% of population aged 15-64",
        default=40,
        help_text="No measured share exists: the starting point is an assumption.",
        min=0,
        max=100,
        step=1,
        span=(25, 55),
    ),
    Lever(
        name="skills_ceiling",
        kind="assumption",
        model="training",
        label_text="Ceiling of that share",
        unit_text="% of population aged 15-64",
        default=95,
        help_text=(
            "The share the diffusion approaches but never passes. No measured value: an "
            "assumption; "
            "it must be above the starting share."
        ),
        min=1,
        max=100,
        step=1,
        span=(85, 100),
    ),
    Lever(
        name="skills_diffusion_speed",
        kind="assumption",
        model="training",
        label_text="Speed of digital-skills diffusion",
        unit_text="per year (logistic rate)",
        default=0.25,
        help_text=(
            "How fast the share able to use online services approaches its ceiling. No measured "
            "series: an assumption."
        ),
        min=0,
        max=1.5,
        step=0.01,
        span=(0.1, 0.5),
    ),
    Lever(
        name="skills_outreach",
        kind="policy",
        model="training",
        label_text="Outreach: extra speed of skills diffusion",
        unit_text="per year, added to the logistic rate",
        default=0.0,
        help_text=(
            "What community digital technology teams and OneTouch courses add to the diffusion "
            "speed (212,761 team members in 2022, over 340,000 in March 2025). 0 = recent effort, "
            "already in the assumed speed."
        ),
        min=0,
        max=0.5,
        step=0.01,
        span=(0, 0.2),
    ),
    Lever(
        name="stem_start_share",
        kind="assumption",
        model="training",
        label_text="Schools teaching STEM/STEAM (2022)",
        unit_text="% of schools",
        default=20,
        help_text="No measured share exists: the starting point is an assumption.",
        min=0,
        max=100,
        step=1,
        span=(10, 30),
    ),
    Lever(
        name="stem_share_gain",
        kind="policy",
        model="training",
        label_text="Yearly gain in STEM/STEAM schools",
        unit_text="percentage points per year",
        default=5,
        help_text="How many more schools (as a share) start teaching STEM/STEAM each year.",
        min=0,
        max=20,
        step=0.5,
        span=(2, 10),
    ),
    # --- online public services ------------------------------------------------------------
    Lever(
        name="portal_use_extra_growth",
        kind="policy",
        model="online_services",
        label_text="Faster uptake of the National Public Service Portal",
        unit_text=_PCT_YR,
        default=0.0,
        help_text=(
            "Added to the yearly growth of the odds that an adult has used the portal, above "
            "the pace of PAPI 2020-2024 (the odds grew about 40% a year; 4.05% to 13.8% of "
            "adults). 0 = that pace carried on."
        ),
        min=-50,
        max=150,
        step=1,
        span=(-20, 60),
    ),
    Lever(
        name="online_dossier_gain",
        kind="policy",
        model="online_services",
        label_text="Yearly gain in full-process online dossiers",
        unit_text="percentage points per year",
        default=0.0,
        help_text=(
            "Added each year to the share of administrative dossiers filed fully online "
            "(series B). 0 = its 2024-2025 level held: 45.8% for 2024 and 39.5-51.7% in single "
            "months of 2025 show no rise beyond their swings."
        ),
        min=-10,
        max=40,
        step=0.5,
        span=(-5, 15),
    ),
    Lever(
        name="digital_university_start_share",
        kind="assumption",
        model="online_services",
        label_text="Public universities on the digital model (2022)",
        unit_text="% of public universities",
        default=3.0,
        help_text=(
            "No share is published: 5 universities piloted the model in 2022, of about 242 "
            "universities (2021) whose public share is not given, so 5 of 242 (2.1%) is a "
            "lower bound. An assumption."
        ),
        min=0.5,
        max=20,
        step=0.5,
        span=(2, 6),
    ),
    Lever(
        name="digital_university_speed",
        kind="assumption",
        model="online_services",
        label_text="Speed at which universities adopt the digital model",
        unit_text="per year (logistic rate)",
        default=0.3,
        help_text=(
            "How fast the share of public universities on the model grows while small (0.3: "
            "doubling about every 2.5 years). No count after 2022 exists: an assumption."
        ),
        min=0,
        max=1.5,
        step=0.01,
        span=(0.1, 0.5),
    ),
    Lever(
        name="digital_university_push",
        kind="policy",
        model="online_services",
        label_text="Effort: extra speed of digital-university adoption",
        unit_text="per year, added to the logistic rate",
        default=0.0,
        help_text=(
            "What funding and guidance from the Ministry of Education and Training add to the "
            "adoption speed. 0 = the assumed speed alone."
        ),
        min=0,
        max=0.8,
        step=0.01,
        span=(0, 0.3),
    ),
    # --- UN EGDI ranking --------------------------------------------------------------------
    Lever(
        name="vnm_pace",
        kind="assumption",
        model="ranking.pace",
        label_text="Viet Nam's path before extra effort",
        unit_text="path",
        default="fitted",
        help_text=(
            "fitted: Viet Nam moves as countries at its level have moved per edition since 2014 "
            "(the "
            "pooled model all 192 others follow, with its own persistent effect). recent_pace: it "
            "repeats its own 2014-2024 mean gains (+0.058 OSI, +0.100 TII, +0.022 HCI per edition, "
            "shrinking as each index nears 1), about twice the fitted path."
        ),
        choices=("fitted", "recent_pace"),
    ),
    Lever(
        name="vnm_osi_gain",
        kind="policy",
        model="ranking",
        label_text="Viet Nam: extra Online Service Index gain",
        unit_text=_EDITION,
        default=0.0,
        help_text=(
            "Extra OSI per survey edition above Viet Nam's path (see vnm_pace), at today's level; "
            "it "
            "shrinks in proportion to the distance left to 1. 0 = no effort beyond that path."
        ),
        min=-0.1,
        max=0.2,
        step=0.005,
        span=(-0.02, 0.08),
    ),
    Lever(
        name="vnm_tii_gain",
        kind="policy",
        model="ranking",
        label_text="Viet Nam: extra Telecommunication Infrastructure Index gain",
        unit_text=_EDITION,
        default=0.0,
        help_text=(
            "Extra TII per survey edition above Viet Nam's path (see vnm_pace), at today's level; "
            "it "
            "shrinks in proportion to the distance left to 1. 0 = no effort beyond that path."
        ),
        min=-0.1,
        max=0.2,
        step=0.005,
        span=(-0.04, 0.06),
    ),
    Lever(
        name="vnm_hci_gain",
        kind="policy",
        model="ranking",
        label_text="Viet Nam: extra Human Capital Index gain",
        unit_text=_EDITION,
        default=0.0,
        help_text=(
            "Extra HCI per survey edition above Viet Nam's path (see vnm_pace), at today's level; "
            "it "
            "shrinks in proportion to the distance left to 1. 0 = no effort beyond that path."
        ),
        min=-0.1,
        max=0.2,
        step=0.005,
        span=(-0.01, 0.04),
    ),
    Lever(
        name="others_momentum",
        kind="assumption",
        model="ranking.world",
        label_text="Other countries' momentum",
        unit_text="x their historical pace",
        default=1.0,
        help_text=(
            "How fast the other 192 countries keep improving, relative to their own past pace."
        ),
        min=0,
        max=2,
        step=0.05,
        span=(0.5, 1.5),
    ),
    # --- simulation --------------------------------------------------------------------------
    Lever(
        name="draws",
        kind="setting",
        model="simulation",
        label_text="Simulated paths",
        unit_text="draws",
        default=2000,
        help_text="Monte Carlo draws per projection: more is smoother and slower.",
        min=100,
        max=20000,
        step=100,
        integer=True,
    ),
    Lever(
        name="seed",
        kind="setting",
        model="simulation",
        label_text="Random seed",
        unit_text="integer",
        default=2026,
        help_text="The same scenario and seed give the same numbers, byte for byte.",
        min=0,
        max=2**31 - 1,
        step=1,
        integer=True,
    ),
)  # fmt: skip

REGISTRY: Mapping[str, Lever] = MappingProxyType({lever.name: lever for lever in LEVERS})
# levers whose first must stay below the second (the training model refuses otherwise)
ORDERED_PAIRS = (("skills_start_share", "skills_ceiling"),)
SWEPT: tuple[Lever, ...] = tuple(lever for lever in LEVERS if lever.span is not None)


def get_lever(name: str, where: str = "levers") -> Lever:
    """The lever called `name`; a one-line ScenarioError (with a suggestion) if there is none."""
    try:
        return REGISTRY[name]
    except (KeyError, TypeError):
        close = difflib.get_close_matches(str(name), REGISTRY, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ScenarioError(
            f"{where}: unknown lever {name!r}; {hint}known levers: {', '.join(REGISTRY)}"
        ) from None


def ordered_ends(lever: Lever, low: float, high: float, values: Mapping[str, Value]):
    """[low, high] for `lever`, narrowed so each ORDERED_PAIRS pair stays ordered with the
    other lever at its value in `values` (a valid scenario's own value always stays in)."""
    own = float(values[lever.name])
    for below, above in ORDERED_PAIRS:
        if lever.name == below:
            high = max(own, min(high, float(values[above]) - lever.step))
        if lever.name == above:
            low = min(own, max(low, float(values[below]) + lever.step))
    return low, high


def default_values() -> dict[str, Value]:
    """Every lever at its default: the baseline before any scenario file is read."""
    return {lever.name: lever.default for lever in LEVERS}


def validate_levers(values: Mapping[str, object], where: str) -> dict[str, Value]:
    """Check every name and value against the registry; return them normalised."""
    return {name: get_lever(name, where).check(value, where) for name, value in values.items()}
