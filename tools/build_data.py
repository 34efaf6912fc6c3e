"""Write dxmodel's tidy tables in data/ from the raw reference copies in ../shared/reference.

The reference copies are never edited. This script is the only place that knows their
layouts; everything downstream reads the long tables it writes. Text figures are picked
from reference/figures.csv by key (never retyped), and every row names a source id that
data/sources.csv describes. Run it with `make data`; tests/test_build_data.py checks that
the committed tables are exactly what it writes.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
LONG = ["indicator", "geo", "year", "value", "unit", "source"]

EGDI_EDITIONS = (2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)
EGDI_COLUMNS = {  # indicator -> (column in 2003-2022 files, column in the re-headed 2024 file)
    "egdi": ("E-Government Index", "E_Index"),
    "osi": ("Online Service Index", "Online_Service"),
    "tii": ("Telecommunication Infrastructure Index", "Tele_Infra"),
    "hci": ("Human Capital Index", "Human_Capital"),
    "epart": ("E-Participation Index", "E_Participation"),
    "egdi_rank": ("E-Government Rank", "Rank"),
}
EGDI_UNITS = {"egdi_rank": "rank"}
# Published values outside the index's 0-1 definition (2003 method): left out, and said so
# in the note of source undesa_egov_2003_2022.
EGDI_EXCLUDED = {("hci", "FSM", 2003): 1.422, ("hci", "TUV", 2003): 1.03}
# UN M49 South-eastern Asia.
SOUTH_EASTERN_ASIA = ("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "TLS", "VNM")

# Economies scored by the ITU GCI that are not UN member states (so absent from the EGDI files).
NON_MEMBER_ECONOMIES = {"PSE": "State of Palestine"}

# GSO two-digit codes of the 63 provinces before the 2025 merger (Decision 124/2004/QD-TTg).
PROVINCES = {
    "01": "Hà Nội", "02": "Hà Giang", "04": "Cao Bằng", "06": "Bắc Kạn", "08": "Tuyên Quang",
    "10": "Lào Cai", "11": "Điện Biên", "12": "Lai Châu", "14": "Sơn La", "15": "Yên Bái",
    "17": "Hòa Bình", "19": "Thái Nguyên", "20": "Lạng Sơn", "22": "Quảng Ninh",
    "24": "Bắc Giang", "25": "Phú Thọ", "26": "Vĩnh Phúc", "27": "Bắc Ninh", "30": "Hải Dương",
    "31": "Hải Phòng", "33": "Hưng Yên", "34": "Thái Bình", "35": "Hà Nam", "36": "Nam Định",
    "37": "Ninh Bình", "38": "Thanh Hóa", "40": "Nghệ An", "42": "Hà Tĩnh", "44": "Quảng Bình",
    "45": "Quảng Trị", "46": "Thừa Thiên Huế", "48": "Đà Nẵng", "49": "Quảng Nam",
    "51": "Quảng Ngãi", "52": "Bình Định", "54": "Phú Yên", "56": "Khánh Hòa",
    "58": "Ninh Thuận", "60": "Bình Thuận", "62": "Kon Tum", "64": "Gia Lai", "66": "Đắk Lắk",
    "67": "Đắk Nông", "68": "Lâm Đồng", "70": "Bình Phước", "72": "Tây Ninh",
    "74": "Bình Dương", "75": "Đồng Nai", "77": "Bà Rịa - Vũng Tàu", "79": "Hồ Chí Minh",
    "80": "Long An", "82": "Tiền Giang", "83": "Bến Tre", "84": "Trà Vinh", "86": "Vĩnh Long",
    "87": "Đồng Tháp", "89": "An Giang", "91": "Kiên Giang", "92": "Cần Thơ", "93": "Hậu Giang",
    "94": "Sóc Trăng", "95": "Bạc Liêu", "96": "Cà Mau",
}  # fmt: skip

# (figures.csv indicator, geo, year) -> (our indicator, unit, source id)
FIGURES = {
    **{
        ("digital_economy_share_gdp_GSO_vintage2025", "VNM", str(y)): (
            "digital_economy_share", "% of GDP", "gso_de_2025_release",
        )
        for y in range(2020, 2025)
    },
    ("digital_economy_share_gdp_GSO", "VNM", "2025"): (
        "digital_economy_share", "% of GDP", "gso_de_2021_2025",
    ),
    ("digital_economy_share_gdp_MIC_estimate", "VNM", "2021"): (
        "digital_economy_share", "% of GDP", "mic_de_2023",
    ),
    ("digital_economy_share_gdp_MIC_estimate", "VNM", "2023"): (
        "digital_economy_share", "% of GDP", "mic_de_2024",
    ),
    ("digital_economy_share_gdp_MIC_estimate", "VNM", "2024"): (
        "digital_economy_share", "% of GDP", "mic_de_2025",
    ),
    ("digital_economy_share_gdp_baseline", "VNM", "2020"): (
        "digital_economy_share", "% of GDP", "vnexpress_de_2020",
    ),
    # earlier GSO vintages of the same series: the revision a forecast must allow for
    **{
        ("digital_economy_share_gdp_GSO_vintage2024", "VNM", str(y)): (
            "digital_economy_share_superseded", "% of GDP", "gso_de_2024_vintage",
        )
        for y in range(2020, 2024)
    },
    ("digital_economy_share_gdp_GSO", "VNM", "2022"): (
        "digital_economy_share_superseded", "% of GDP", "gso_de_2023_workshop",
    ),
    # GCI 2024 publishes tiers; this rank is the press's derivation from scores (tied)
    ("gci_rank_derived", "VNM", "2024"): ("gci_rank", "rank", "vietnamnet_gci_2024"),
    ("gci_rank", "VNM", "2017"): ("gci_rank", "rank", "vnexpress_gci_2018"),
    ("gci_rank", "VNM", "2018"): ("gci_rank", "rank", "vnexpress_gci_2018"),
    ("gci_rank", "IND", "2020"): ("gci_rank", "rank", "opengovasia_gci_2020"),
    ("gci_rank", "KOR", "2020"): ("gci_rank", "rank", "opengovasia_gci_2020"),
    ("gci_rank", "JPN", "2020"): ("gci_rank", "rank", "opengovasia_gci_2020"),
    ("gci_rank", "IDN", "2020"): ("gci_rank", "rank", "opengovasia_gci_2020"),
    ("onetouch_trained_officials", "VNM", "2023 (cumulative since Apr 2022)"): (
        "onetouch_official_training_instances", "training instances (cumulative)", "bnews_onetouch",
    ),
    ("onetouch_trained_cdt_members", "VNM", "2023 (cumulative since Apr 2022)"): (
        "onetouch_cdt_members_trained", "persons (cumulative)", "bnews_onetouch",
    ),
    ("cdt_teams", "VNM", "2022-09-05"): ("cdt_teams", "teams", "ictnews_cdt_2022"),
    ("cdt_members", "VNM", "2022-09-05"): ("cdt_members", "persons", "ictnews_cdt_2022"),
    ("cdt_teams", "VNM", "2025-03"): ("cdt_teams", "teams", "vietnam_vn_cdt_2025"),
    ("cdt_members", "VNM", "2025-03"): ("cdt_members", "persons", "vietnam_vn_cdt_2025"),
    ("civil_servant_payroll_quota", "VNM", "2018"): (
        "civil_servants_payroll", "persons", "vietnamplus_staff_2018",
    ),
    ("civil_servant_payroll_quota", "VNM", "2021"): (
        "civil_servants_payroll", "persons", "vietnamnet_civil_servants_2021",
    ),
    ("civil_servants_and_public_employees", "VNM", "2017 (mid-year)"): (
        "civil_servants_and_public_employees", "persons", "vietnamplus_staff_2018",
    ),
    ("public_employees_vien_chuc", "VNM", "2023-12-31"): (
        "public_employees", "persons", "xetoday_vien_chuc_2023",
    ),
}  # fmt: skip
# Figures quoted by several outlets, keyed by the start of the chosen outlet's title.
FIGURES |= {
    ("digital_economy_share_gdp_MIC_estimate", "VNM", "2022", "VnMedia"): (
        "digital_economy_share", "% of GDP", "mic_de_2023",
    ),
    ("gci_rank", "VNM", "2020", "Hanoi Times"): ("gci_rank", "rank", "hanoitimes_gci_2020"),
}  # fmt: skip

HEADCOUNTS = ("civil_servants_payroll", "public_employees", "civil_servants_and_public_employees")

# Published projections and plan figures: context for the models, never observations.
_MIC = "digital_economy_share_gdp_MIC_"
BENCHMARKS = {
    (_MIC + "scenario_normal", "2025"): ("mic_2022_normal", "mic_scenarios_2022"),
    (_MIC + "scenario_quicker", "2025"): ("mic_2022_quicker", "mic_scenarios_2022"),
    (_MIC + "scenario_breakthrough", "2025"): ("mic_2022_breakthrough", "mic_scenarios_2022"),
    (_MIC + "projection", "2024"): ("mic_2024_projection", "mic_de_2024"),
    (_MIC + "target", "2023"): ("mic_2023_action_plan", "mic_de_2023"),
    (_MIC + "target", "2024"): ("mic_2023_action_plan", "mic_de_2023"),
    ("digital_economy_share_gdp_NCDT_estimate", "2025"): ("ncdt_2025_statement", "ncdt_de_2025"),
}


def year_of(label: str) -> int:
    """The calendar year of a figures.csv period label ('2025-03', '2023 (cumulative…)')."""
    return int(label[:4])


def name_key(name: str) -> str:
    """A spelling-insensitive key for Vietnamese province names ('TP. Thừa Thiên - Huế')."""
    name = unicodedata.normalize("NFC", name).removeprefix("TP. ")
    return "".join(ch for ch in name.lower() if ch.isalnum())


def build_egdi(ref: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """EGDI, its components and the official rank for every member state and edition."""
    iso = pd.read_csv(ref / "egdi" / "egdi_2003_2024_long.csv")
    name_to_iso = dict(zip(iso["country"], iso["iso3"], strict=True))
    frames = []
    for year in EGDI_EDITIONS:
        if year == 2024:
            raw = pd.read_csv(ref / "egdi" / "EGOV_DATA_2024_renamed_cols.csv")
            cols, name_col = {k: v[1] for k, v in EGDI_COLUMNS.items()}, "Country"
        else:
            raw = pd.read_csv(ref / "egdi" / f"EGOV_DATA_{year}.csv")
            cols, name_col = {k: v[0] for k, v in EGDI_COLUMNS.items()}, "Country Name"
        names = raw[name_col].str.strip()
        wide = pd.DataFrame({"geo": names.map(name_to_iso), "year": year})
        if wide["geo"].isna().any():
            raise SystemExit(
                f"EGDI {year}: unmapped country names {sorted(names[wide.geo.isna()])}"
            )
        for indicator, col in cols.items():
            wide[indicator] = raw[col]
        # Non-members (empty rank, all-zero scores) are missing, not zero.
        frames.append(wide[wide["egdi_rank"].notna()])
    wide = pd.concat(frames, ignore_index=True)
    _check_against_derived(wide, iso)

    sea = wide[wide["geo"].isin(SOUTH_EASTERN_ASIA)].copy()
    higher = sea.groupby("year")["egdi"].rank(method="min", ascending=False)
    sea["egdi_rank_sea"] = higher.astype(int)

    long = wide.melt(["geo", "year"], list(EGDI_COLUMNS), var_name="indicator")
    for (indicator, geo, year), value in EGDI_EXCLUDED.items():
        hit = (long.indicator == indicator) & (long.geo == geo) & (long.year == year)
        if hit.sum() != 1 or long.loc[hit, "value"].iloc[0] != value:
            raise SystemExit(f"EGDI: expected {indicator} {geo} {year} = {value} to exclude")
        long = long[~hit]
    long["unit"] = long["indicator"].map(EGDI_UNITS).fillna("index 0-1")
    long["source"] = [
        "undesa_egov_2024" if y == 2024 else "undesa_egov_2003_2022" for y in long.year
    ]
    sea_long = sea.melt(["geo", "year"], ["egdi_rank_sea"], var_name="indicator")
    sea_long["unit"], sea_long["source"] = "rank", "dxmodel_egdi_sea_rank"
    history = pd.concat([long, sea_long], ignore_index=True)
    countries = (
        pd.DataFrame({"geo": iso["iso3"], "name": iso["country"]})
        .drop_duplicates("geo", keep="last")
        .assign(kind="country", source="undesa_egov_2024")
    )
    countries["region"] = countries["geo"].map(
        lambda g: "South-eastern Asia" if g in SOUTH_EASTERN_ASIA else ""
    )
    return history, countries


def _check_against_derived(wide: pd.DataFrame, derived: pd.DataFrame) -> None:
    """Our parse of the 12 UN files must agree with the reference's own long table."""
    merged = wide.merge(derived, left_on=["geo", "year"], right_on=["iso3", "year"])
    if len(merged) != len(wide):
        raise SystemExit("EGDI: parsed rows do not all appear in egdi_2003_2024_long.csv")
    for col in ("egdi", "osi", "tii", "hci", "epart"):
        worst = (merged[f"{col}_x"] - merged[f"{col}_y"]).abs().max()
        if worst > 1e-9:
            raise SystemExit(f"EGDI: column {col} differs from the derived long table by {worst}")


def build_cybersecurity(ref: Path) -> pd.DataFrame:
    raw = pd.read_csv(ref / "cybersecurity" / "gci_2020_itu_long.csv", encoding="utf-8-sig")
    overall = raw[raw["variable"] == "gci_overall"]
    scores = pd.DataFrame(
        {
            "indicator": "gci_score",
            "geo": overall["cc_iso3c"],
            "year": overall["ref_year"],
            "value": overall["value"],
            "unit": "score 0-100",
            "source": "itu_gci_2020",
        }
    )
    return scores


def _single(rows: pd.DataFrame, what: str) -> float:
    if len(rows) != 1:
        raise SystemExit(f"figures.csv: expected one row for {what}, found {len(rows)}")
    return float(rows["value"].iloc[0])


def pick_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Rows of figures.csv named in FIGURES, renamed to our indicators and sources."""
    rows = []
    for key, (indicator, unit, source) in FIGURES.items():
        match = (figures.indicator == key[0]) & (figures.geo == key[1]) & (figures.year == key[2])
        if len(key) == 4:  # the figure is quoted by several outlets: pick one by title
            match &= figures.source_title.str.startswith(key[3])
        value = _single(figures[match], str(key))
        rows.append((indicator, key[1], year_of(key[2]), value, unit, source))
    return pd.DataFrame(rows, columns=LONG)


def build_benchmarks(figures: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for (fig_indicator, year), (benchmark, source) in BENCHMARKS.items():
        match = figures[(figures.indicator == fig_indicator) & (figures.year == year)]
        value = _single(match, f"{fig_indicator} {year}")
        note = match["note"].fillna("").iloc[0]
        rows.append(
            (benchmark, "digital_economy_share", "VNM", int(year), value, "% of GDP", source, note)
        )
    return pd.DataFrame(rows, columns=["benchmark", *LONG, "note"])


def build_economy(ref: Path) -> pd.DataFrame:
    gdp = pd.read_csv(ref / "wdi" / "gdp_current_usd_wb_datahub.csv")
    vnm = gdp[(gdp["Country Code"] == "VNM") & (gdp["Year"] >= 2000)]
    return pd.DataFrame(
        {
            "indicator": "gdp_current_usd",
            "geo": "VNM",
            "year": vnm["Year"],
            "value": vnm["Value"],
            "unit": "current USD",
            "source": "wb_wdi_gdp",
        }
    )


def build_population(ref: Path) -> pd.DataFrame:
    wpp = pd.read_csv(ref / "wdi" / "vnm_population_by_broad_age_unwpp2024_owid.csv")
    prefix = "Population - Sex: all - Age: 15-64 - Variant: "
    frames = []
    for variant in ("estimates", "medium"):
        part = wpp[["Year", prefix + variant]].dropna()
        frames.append(
            pd.DataFrame(
                {
                    "indicator": "population_15_64",
                    "geo": "VNM",
                    "year": part["Year"],
                    "value": part[prefix + variant].round().astype("int64"),
                    "unit": "persons",
                    "source": f"unwpp2024_{variant}",
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def build_public_sector(ref: Path) -> pd.DataFrame:
    ilo = pd.read_csv(
        ref / "labour" / "ilostat_EMP_TEMP_SEX_INS_NB_A_employment_by_institutional_sector.csv",
        encoding="utf-8-sig",
    )
    pub = ilo[(ilo.ref_area == "VNM") & (ilo.sex == "SEX_T") & (ilo.classif1 == "INS_SECTOR_PUB")]
    return pd.DataFrame(
        {
            "indicator": "public_sector_employment",
            "geo": "VNM",
            "year": pub["time"].astype(int),
            "value": pub["obs_value"],
            "unit": "thousand persons",
            "source": "ilostat_emp_ins",
        }
    )


def build_dti(ref: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    dti = pd.read_csv(ref / "dti" / "dti_rankings_transcribed.csv")
    dti = dti[(dti.year == 2022) & (dti.level == "province")]
    code_of = {name_key(name): f"VN-{code}" for code, name in PROVINCES.items()}
    geo = dti["unit"].map(lambda n: code_of.get(name_key(n)))
    if geo.isna().any() or geo.nunique() != 63:
        raise SystemExit(f"DTI 2022: unmatched provinces {sorted(dti.unit[geo.isna()])}")
    ranks = pd.DataFrame(
        {"indicator": "dti_rank", "geo": geo, "year": 2022, "value": dti["rank"]}
    ).assign(unit="rank", source="dti_2022")
    scored = dti["dti_score"].notna()
    scores = pd.DataFrame(
        {
            "indicator": "dti_score",
            "geo": geo[scored],
            "year": 2022,
            "value": dti.loc[scored, "dti_score"],
            "unit": "index 0-1",
            "source": [
                "travinh_dti_2022" if "travinh.gov.vn" in str(n) else "dti_2022"
                for n in dti.loc[scored, "note"]
            ],
        }
    )
    provinces = pd.DataFrame(
        {
            "geo": [f"VN-{c}" for c in PROVINCES],
            "name": list(PROVINCES.values()),
            "kind": "province",
            "region": "",
            "source": "gso_admin_codes",
        }
    )
    return pd.concat([ranks, scores], ignore_index=True), provinces


def plain_number(value: float) -> str:
    """Shortest exact text for a number, without a trailing '.0' on whole numbers."""
    text = repr(float(value))
    return text.removesuffix(".0")


def tidy(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[LONG].copy()
    out["year"] = out["year"].astype(int)
    out["value"] = out["value"].map(plain_number)
    return out.sort_values(["indicator", "geo", "year", "source"], ignore_index=True)


def build(reference: Path, out: Path) -> list[Path]:
    """Write every generated table under `out` (a data/ folder); return the paths written."""
    figures = pd.read_csv(reference / "figures.csv", dtype={"year": str})
    picked = pick_figures(figures)
    egdi, countries = build_egdi(reference)
    dti, provinces = build_dti(reference)
    gci = build_cybersecurity(reference)
    extra = sorted(set(gci.geo) - set(countries.geo))
    if set(extra) - set(NON_MEMBER_ECONOMIES):
        raise SystemExit(f"GCI: economies with no name in NON_MEMBER_ECONOMIES: {extra}")
    non_members = pd.DataFrame(
        {"geo": extra, "name": [NON_MEMBER_ECONOMIES[g] for g in extra]}
    ).assign(kind="non-member economy", region="", source="itu_gci_2020")
    tables = {
        "history/egdi.csv": tidy(egdi),
        "history/cybersecurity.csv": tidy(pd.concat([gci, picked[picked.indicator == "gci_rank"]])),
        "history/digital_economy.csv": tidy(
            picked[picked.indicator.str.startswith("digital_economy_share")]
        ),
        "history/economy.csv": tidy(build_economy(reference)),
        "history/population.csv": tidy(build_population(reference)),
        "history/public_sector.csv": tidy(
            pd.concat([build_public_sector(reference), picked[picked.indicator.isin(HEADCOUNTS)]])
        ),
        "history/training.csv": tidy(
            picked[picked.indicator.str.startswith(("onetouch_", "cdt_"))]
        ),
        "history/dti.csv": tidy(dti),
        "geographies.csv": pd.concat([countries, non_members, provinces], ignore_index=True)[
            ["geo", "name", "kind", "region", "source"]
        ].sort_values(["kind", "geo"], ignore_index=True),
        "benchmarks.csv": build_benchmarks(figures),
    }
    written = []
    for rel, table in tables.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    if not (args.reference / "PROVENANCE.md").is_file():
        print(f"build_data: no reference material at {args.reference}", file=sys.stderr)
        return 2
    for path in build(args.reference, args.out):
        print(f"wrote {path.relative_to(args.out.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
