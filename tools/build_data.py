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
    # a later, unexplained 13.9% for 2025: another published value, not the adopted one (see
    # the note of source gso_de_2026_02_report)
    ("digital_economy_share_gdp_GSO_vintage2026_02", "VNM", "2025"): (
        "digital_economy_share_superseded", "% of GDP", "gso_de_2026_02_report",
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
# Online public services. Administrative dossier shares come in three series never spliced
# (A: level-3/4 services, to Apr 2023; B: full-process, EMC, end 2023 on; C: any online
# submission at the 34 merged provinces, from Jul 2025). A whole-year value goes in
# online_dossier_rate; a month or part of a year in online_dossier_rate_part_year, its source's
# series naming the period (<series>_<year>_<first month>[_<last month>]), so no single month
# is ever read as a year's value. PAPI is a survey of adults, a share of people.
_WHOLE, _PART = "online_dossier_rate", "online_dossier_rate_part_year"
_DOSSIERS, _ADULTS = "% of administrative dossiers", "% of adults"
_A, _B = "online_dossier_rate_mic_level34", "online_dossier_rate_full_process"
_C = "online_submission_share_34_provinces"
FIGURES |= {
    (_A, "VNM", "2019"): (_WHOLE, _DOSSIERS, "kontum_dx_review_2024"),
    (_A, "VNM", "2021"): (_WHOLE, _DOSSIERS, "vneconomy_dossiers_2021"),
    (_A, "VNM", "2022"): (_PART, _DOSSIERS, "einpresswire_osi_2022"),
    (_A, "VNM", "2023-04"): (_PART, _DOSSIERS, "vienkinhteso_mic_2023"),
    (_B, "VNM", "2023"): (_WHOLE, _DOSSIERS, "mic_review_2024h1_end2023"),
    (_B, "VNM", "2024-H1"): (_PART, _DOSSIERS, "mic_review_2024h1"),
    (_B, "VNM", "2024"): (_WHOLE, _DOSSIERS, "kinhtedothi_dossiers_2024"),
    (_B, "VNM", "2025-06"): (_PART, _DOSSIERS, "baomoi_dossiers_2025_06"),
    (_B, "VNM", "2025-10"): (_PART, _DOSSIERS, "vietnamnet_dossiers_2025_10"),
    (_B, "VNM", "2025-11"): (_PART, _DOSSIERS, "vietnamnet_dossiers_2025_11"),
    (_C, "VNM", "2025-07/08"): (_PART, _DOSSIERS, "vietnamnet_moha_2025_08"),
    (_C, "VNM", "2025-07/10"): (_PART, _DOSSIERS, "vietnam_vn_mst_2025_10"),
    **{
        ("papi_used_national_portal", "VNM", str(y)): (
            "public_service_portal_use_share", _ADULTS, "ips_papi_2020_2022",
        )
        for y in (2020, 2021, 2022)
    },
    ("papi_used_national_portal", "VNM", "2023"): (
        "public_service_portal_use_share", _ADULTS, "daibieunhandan_papi_2023",
    ),
    ("papi_used_national_portal", "VNM", "2024"): (
        "public_service_portal_use_share", _ADULTS, "tapchitaichinh_papi_2024",
    ),
    ("digital_university_pilots", "VNM", "2022"): (
        "digital_university_pilots", "universities", "vietnamnet_digital_university",
    ),
    ("universities_total", "VNM", "2021"): (
        "universities_total", "universities", "thanhhoa_mic_universities",
    ),
}  # fmt: skip
ONLINE_SERVICES = (_WHOLE, _PART, "public_service_portal_use_share", "digital_university_pilots",
                   "universities_total")  # fmt: skip

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


def build_egdi_names(ref: Path) -> pd.DataFrame:
    """geography_names.csv: every country name as the UN spells it in any edition's file
    (trailing spaces stripped), with its ISO3 code and the source of the newest file that
    spells it so. `dxmodel data import egdi` maps names through it, never through ../shared."""
    iso = pd.read_csv(ref / "egdi" / "egdi_2003_2024_long.csv")
    name_to_iso = dict(zip(iso["country"], iso["iso3"], strict=True))
    seen: dict[str, str] = {}
    for year in EGDI_EDITIONS:
        if year == 2024:
            raw = pd.read_csv(ref / "egdi" / "EGOV_DATA_2024_renamed_cols.csv")["Country"]
        else:
            raw = pd.read_csv(ref / "egdi" / f"EGOV_DATA_{year}.csv")["Country Name"]
        for name in raw.str.strip():
            seen[name] = "undesa_egov_2024" if year == 2024 else "undesa_egov_2003_2022"
    unmapped = sorted(set(seen) - set(name_to_iso))
    if unmapped:
        raise SystemExit(f"EGDI names: unmapped country names {unmapped}")
    names = pd.DataFrame(
        {"name": list(seen), "geo": [name_to_iso[n] for n in seen], "source": list(seen.values())}
    )
    return names.sort_values(["geo", "name"], ignore_index=True)


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


# DTI pages transcribed in reference/dti (and the national figures): URL -> source id.
DTI_SOURCES = {
    "https://dti.gov.vn/xep-hang-2022": "dti_2022",
    "https://en.dangcongsan.vn/bac-ninh-province-integration-and-development/bac-ninh-s-provincial-digital-transformation-index-ranked-third-nationwide-585850.html": "dangcongsan_dti_2020",  # noqa: E501
    "https://www.sggpnews.org.vn/science_technology/da-nang-leads-localities-nationwide-in-digital-transformation-index-95375.html": "sggp_dti_2020",  # noqa: E501
    "https://baothanhhoa.vn/chuyen-doi-so/dong-luc-thuc-day-chuyen-doi-so/147341.htm": "baothanhhoa_dti_2020",  # noqa: E501
    "https://thoibaotaichinhvietnam.vn/da-nang-finance-ministry-top-digital-transformation-index-110514.html": "tbtc_dti_2021",  # noqa: E501
    "https://hanoimoi.vn/bo-tai-chinh-va-thanh-pho-da-nang-lan-thu-2-dan-dau-ve-chi-so-chuyen-doi-so-449294.html": "hanoimoi_dti_2021",  # noqa: E501
    "https://travinh.gov.vn/1426/37932/73050/691291/chuyen-doi-so/danh-gia-muc-do-chuyen-doi-so-nam-2022-tra-vinh-xep-hang-25-63-tinh-thanh-pho": "travinh_dti_2022",  # noqa: E501
    "https://baomoi.net.vn/quang-ngai-tang-5-bac-trong-danh-gia-chuyen-doi-so-c51412784.epi": "baomoi_dti_2023",  # noqa: E501
    "https://nguoihanoi.vn/ha-noi-xep-thu-6-ve-chi-so-chuyen-doi-so-cap-tinh-89443.html": "nguoihanoi_dti_2023",  # noqa: E501
    "https://news.laodong.vn/cong-nghe/thanh-hoa-thang-hang-ve-chuyen-doi-so-1461936.ldo": "laodong_dti_2023",  # noqa: E501
    "https://dantri.com.vn/khoa-hoc/ha-noi-dan-dau-ca-nuoc-ve-chi-so-chuyen-doi-so-20251021181803153.htm": "dantri_dti_2024",  # noqa: E501
    "https://vtcnews.vn/ha-noi-dan-dau-ca-nuoc-ve-chuyen-doi-so-cao-bang-dung-cuoi-bang-ar972306.html": "vtcnews_dti_2024",  # noqa: E501
    "https://news.baokhanhhoa.vn/society/202511/driving-dti-progress-d4815fe": "baokhanhhoa_dti_2024",  # noqa: E501
    "https://www.archytele.com/vietnam-is-the-country-with-the-fastest-growing-digital-economy-in-southeast-asia-for-2-consecutive-years/": "archytele_dti_2020",  # noqa: E501
    "https://vast.gov.vn/web/vietnam-academy-of-science-and-technology/tin-chi-tiet/-/chi-tiet/vietnam-academy-of-science-and-technology-continues-to-lead-the-dti-2022-digital-transformation-ranking-in-the-block-of-ministerial-and-ministerial-level-agencies-with-public-services-93830-917.html": "vast_dti_2022",  # noqa: E501
}  # fmt: skip
# Merged provinces whose predecessors a reference row names (the rest are not sourced here):
# 34-level name -> (former names, the row's source id, what says so).
DTI_CROSSWALK = {
    "TP. Đà Nẵng": (
        ("TP. Đà Nẵng", "Quảng Nam"), "baokhanhhoa_dti_2024",
        "reference row DTI 2024 province_34 rank 17: 'merged Da Nang (with former Quang Nam)'",
    ),
}  # fmt: skip


def _dti_source(url: str) -> str:
    if url not in DTI_SOURCES:
        raise SystemExit(f"DTI: no source id for {url}")
    return DTI_SOURCES[url]


def build_dti(
    ref: Path, figures: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """DTI as published: the former provinces' ranks and scores and the national index in the
    long history; the 34 merged provinces and the ministries (no province code) in
    dti_published.csv; the sourced part of the 63-to-34 crosswalk in dti_crosswalk.csv."""
    raw = pd.read_csv(ref / "dti" / "dti_rankings_transcribed.csv")
    raw = raw[raw["rank"].notna()].assign(source=raw["source_url"].map(_dti_source))
    code_of = {name_key(name): f"VN-{code}" for code, name in PROVINCES.items()}
    province = raw[raw.level == "province"].copy()
    province["geo"] = province["unit"].map(lambda n: code_of.get(name_key(n)))
    if province.geo.isna().any():
        raise SystemExit(f"DTI: unmatched provinces {sorted(province.unit[province.geo.isna()])}")
    if province[province.year == 2022].geo.nunique() != 63:
        raise SystemExit("DTI 2022: not every one of the 63 provinces is ranked")
    ranks = province.assign(indicator="dti_rank", value=province["rank"], unit="rank")
    scored = province[province.dti_score.notna()]
    scores = scored.assign(indicator="dti_score", value=scored.dti_score, unit="index 0-1")
    from_portal = scores.note.fillna("").str.contains("travinh.gov.vn")  # its own portal
    scores.loc[from_portal, "source"] = "travinh_dti_2022"
    national = figures[figures.indicator == "dti_national"]
    national = pd.DataFrame(
        {
            "indicator": "dti_national",
            "geo": national.geo,
            "year": national.year.astype(int),
            "value": national.value.astype(float),
            "unit": "index 0-1",
            "source": national.source_url.map(_dti_source),
        }
    )
    levels = raw[raw.level != "province"].rename(columns={"unit": "name", "dti_score": "score"})
    levels = levels.assign(rank=levels["rank"].astype(int))[
        ["year", "level", "rank", "name", "score", "source"]
    ].sort_values(["level", "year", "rank"], ignore_index=True)
    crosswalk = pd.DataFrame(
        [
            (merged, code_of[name_key(former)], former, source, note)
            for merged, (formers, source, note) in DTI_CROSSWALK.items()
            for former in formers
        ],
        columns=["province_34", "former_geo", "former_name", "source", "note"],
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
    history = pd.concat([ranks[LONG], scores[LONG], national], ignore_index=True)
    return history, provinces, levels, crosswalk


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
    dti, provinces, dti_levels, dti_crosswalk = build_dti(reference, figures)
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
        "history/online_services.csv": tidy(picked[picked.indicator.isin(ONLINE_SERVICES)]),
        "dti_published.csv": dti_levels,
        "dti_crosswalk.csv": dti_crosswalk,
        "geographies.csv": pd.concat([countries, non_members, provinces], ignore_index=True)[
            ["geo", "name", "kind", "region", "source"]
        ].sort_values(["kind", "geo"], ignore_index=True),
        "geography_names.csv": build_egdi_names(reference),
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
