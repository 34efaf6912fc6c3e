"""The one registry of levers: what a scenario can set, its range, default and meaning.

Validation, explorer sliders, report parameter tables and docs all read this registry, so a
lever is described once. As in En-ROADS, *policy* levers (what government controls) are kept
apart from *assumptions* (what it does not); *settings* steer the computation, not the world.
Defaults describe the baseline (measured trends, fitted dynamics, no extra effort); each says
where its number comes from.
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from dxmodel.errors import ScenarioError

Kind = Literal["policy", "assumption", "setting"]
Value = float | int | str
KINDS: tuple[Kind, ...] = ("policy", "assumption", "setting")


@dataclass(frozen=True)
class Lever:
    """One input a scenario may set. Numeric unless `choices` is given."""

    name: str
    kind: Kind
    model: str  # who reads it: a family (digital_economy, training, ranking), a part of one
    # (ranking.world: the other countries; ranking.pace: Viet Nam's path), or simulation (all)
    label_en: str
    label_vi: str
    unit_en: str
    unit_vi: str
    default: Value
    help_en: str
    help_vi: str
    min: float | None = None
    max: float | None = None
    step: float | None = None
    integer: bool = False
    choices: tuple[str, ...] = ()

    def check(self, value: object, where: str) -> Value:
        """Return `value` if this lever accepts it; otherwise raise a one-line ScenarioError."""
        at = f"{where}: levers.{self.name}"
        if self.choices:
            if not isinstance(value, str) or value not in self.choices:
                raise ScenarioError(f"{at} = {value!r} is not one of: {', '.join(self.choices)}")
            return value
        if isinstance(value, bool) or not isinstance(value, numbers.Real):  # numpy's too
            raise ScenarioError(
                f"{at} must be a number, got {value!r}; allowed {self.describe_range()}"
            )
        value = float(value) if not isinstance(value, int) else value
        if not math.isfinite(value):
            raise ScenarioError(f"{at} = {value} is not a finite number; {self.describe_range()}")
        if self.integer and value != int(value):
            raise ScenarioError(f"{at} = {value} must be a whole number; {self.describe_range()}")
        if not self.min <= value <= self.max:
            raise ScenarioError(f"{at} = {value} is out of range; allowed {self.describe_range()}")
        return int(value) if self.integer else float(value)

    def describe_range(self) -> str:
        if self.choices:
            return "one of: " + ", ".join(self.choices)
        return f"{self.min:g} to {self.max:g} ({self.unit_en})"

    def label(self, language: str = "en") -> str:
        return self.label_vi if language == "vi" else self.label_en

    def unit(self, language: str = "en") -> str:
        return self.unit_vi if language == "vi" else self.unit_en

    def help(self, language: str = "en") -> str:
        return self.help_vi if language == "vi" else self.help_en


_PCT_YR = ("% per year", "%/năm")
_EDITION = ("index points per edition", "điểm chỉ số mỗi kỳ")

LEVERS: tuple[Lever, ...] = (
    # --- digital economy -------------------------------------------------------------------
    Lever(
        "digital_economy_growth", "policy", "digital_economy",
        "Digital-economy growth", "Tăng trưởng kinh tế số", *_PCT_YR, 9.0,
        "Yearly growth of digital-economy value added at current prices. Default: the pace that "
        "took GSO's share from 12.66% (2020) to 14.02% (2025) at 6.5% GDP growth. Where it would "
        "raise the share faster than the chosen series' fastest year on record, the excess "
        "halves every 2 years from the first projected year.",
        "Tăng trưởng hằng năm của giá trị tăng thêm kinh tế số theo giá hiện hành. Mặc định: "
        "nhịp đưa tỷ trọng theo TCTK từ 12,66% (2020) lên 14,02% (2025) với GDP tăng 6,5%. Nếu "
        "mức tăng này làm tỷ trọng tăng nhanh hơn năm tăng nhanh nhất của chuỗi đã chọn, phần "
        "vượt sẽ giảm một nửa sau mỗi 2 năm kể từ năm dự báo đầu tiên.",
        min=-10, max=50, step=0.1,
    ),
    Lever(
        "gdp_growth", "assumption", "digital_economy",
        "GDP growth (current prices)", "Tăng trưởng GDP (giá hiện hành)", *_PCT_YR, 6.5,
        "Yearly growth of GDP at current prices. Default: World Bank current-US$ GDP, average "
        "of 2019-2023 (6.5%).",
        "Tăng trưởng GDP hằng năm theo giá hiện hành. Mặc định: GDP theo USD hiện hành của "
        "Ngân hàng Thế giới, bình quân 2019-2023 (6,5%).",
        min=-10, max=20, step=0.1,
    ),
    Lever(
        "digital_economy_series", "setting", "digital_economy",
        "Digital-economy series", "Chuỗi số liệu kinh tế số", "series", "chuỗi",
        "gso_value_added",
        "Which measured series the share starts from and is judged on. GSO value added is the "
        "official statistic; MIC estimates are revenue-based and run about 5 points higher. "
        "Series are never mixed.",
        "Chuỗi số liệu làm điểm xuất phát và để đánh giá. Giá trị tăng thêm của TCTK là số liệu "
        "chính thức; ước tính của Bộ TT&TT dựa trên doanh thu và cao hơn khoảng 5 điểm. Không "
        "trộn các chuỗi.",
        choices=("gso_value_added", "mic_estimate"),
    ),
    # --- training and skills ---------------------------------------------------------------
    Lever(
        "officials_training_capacity", "policy", "training",
        "Training capacity for officials", "Năng lực đào tạo cán bộ, công chức, viên chức",
        "thousand training instances per year", "nghìn lượt mỗi năm", 200,
        "Training instances delivered to cadres, civil servants and public employees each "
        "year. Default: OneTouch's 204,397 instances in about its first year.",
        "Số lượt bồi dưỡng cán bộ, công chức, viên chức mỗi năm. Mặc định: 204.397 lượt trên "
        "OneTouch trong khoảng năm đầu.",
        min=0, max=3000, step=10,
    ),
    Lever(
        "instances_per_person", "assumption", "training",
        "Training instances per person trained", "Số lượt trên mỗi người được đào tạo",
        "instances per person", "lượt/người", 1.5,
        "OneTouch counts instances, not people. No ratio is published: an assumption.",
        "OneTouch đếm lượt, không đếm người. Chưa có tỷ lệ công bố: đây là giả định.",
        min=1, max=5, step=0.1,
    ),
    Lever(
        "officials_attrition", "assumption", "training",
        "Turnover of officials", "Tỷ lệ thay thế cán bộ, công chức, viên chức", *_PCT_YR, 5,
        "Share of officials leaving each year, replaced by untrained staff. No published "
        "rate: an assumption.",
        "Tỷ lệ rời khỏi khu vực công mỗi năm, được thay bằng người chưa đào tạo. Chưa có số "
        "liệu công bố: đây là giả định.",
        min=0, max=30, step=0.5,
    ),
    Lever(
        "officials_headcount_change", "assumption", "training",
        "Change in the number of officials", "Thay đổi số lượng cán bộ, công chức, viên chức",
        *_PCT_YR, -2.0,
        "Yearly change of the workforce to be trained. Default: the civil-service payroll "
        "quota, 265,106 (2018) to 249,650 (2021), -2.0% a year.",
        "Thay đổi hằng năm của lực lượng cần đào tạo. Mặc định: biên chế công chức, 265.106 "
        "(2018) xuống 249.650 (2021), -2,0%/năm.",
        min=-10, max=5, step=0.5,
    ),
    Lever(
        "expert_training_capacity", "policy", "training",
        "Digital-transformation experts trained", "Số chuyên gia chuyển đổi số được đào tạo",
        "persons per year", "người/năm", 200,
        "Places in expert programmes each year. No published figure: an assumption.",
        "Số chỉ tiêu đào tạo chuyên gia mỗi năm. Chưa có số liệu công bố: đây là giả định.",
        min=0, max=2000, step=10, integer=True,
    ),
    Lever(
        "expert_completion_rate", "assumption", "training",
        "Expert programme completion", "Tỷ lệ hoàn thành chương trình chuyên gia", "%", "%", 80,
        "Share of entrants who complete. No published figure: an assumption.",
        "Tỷ lệ học viên hoàn thành. Chưa có số liệu công bố: đây là giả định.",
        min=0, max=100, step=1,
    ),
    Lever(
        "graduate_intake", "policy", "training",
        "Intake of high-quality digital-technology programmes",
        "Tuyển sinh chương trình công nghệ số chất lượng cao",
        "persons per year", "người/năm", 1500,
        "First-year intake of high-quality engineering and bachelor programmes in digital "
        "technology. No published figure: an assumption.",
        "Tuyển sinh năm thứ nhất các chương trình kỹ sư, cử nhân công nghệ số chất lượng cao. "
        "Chưa có số liệu công bố: đây là giả định.",
        min=0, max=20000, step=100, integer=True,
    ),
    Lever(
        "graduate_intake_growth", "policy", "training",
        "Growth of that intake", "Tăng trưởng tuyển sinh", *_PCT_YR, 10,
        "Yearly growth of the intake above. An assumption until intake data exist.",
        "Tăng trưởng tuyển sinh hằng năm. Là giả định cho tới khi có số liệu tuyển sinh.",
        min=-20, max=50, step=1,
    ),
    Lever(
        "graduate_completion_rate", "assumption", "training",
        "Programme completion", "Tỷ lệ tốt nghiệp", "%", "%", 75,
        "Share of entrants who graduate. No published figure: an assumption.",
        "Tỷ lệ sinh viên tốt nghiệp. Chưa có số liệu công bố: đây là giả định.",
        min=0, max=100, step=1,
    ),
    Lever(
        "skills_start_share", "assumption", "training",
        "Working-age people able to use online public services (2022)",
        "Người trong độ tuổi lao động biết dùng dịch vụ công trực tuyến (2022)",
        "% of population aged 15-64", "% dân số 15-64 tuổi", 40,
        "No measured share exists: the starting point is an assumption.",
        "Chưa có số đo: điểm xuất phát là giả định.",
        min=0, max=100, step=1,
    ),
    Lever(
        "skills_ceiling", "assumption", "training",
        "Ceiling of that share", "Mức trần của tỷ lệ này", "% of population aged 15-64",
        "% dân số 15-64 tuổi", 95,
        "The share the diffusion approaches but never passes. No measured value: an assumption; "
        "it must be above the starting share.",
        "Tỷ lệ mà quá trình lan tỏa tiến gần nhưng không vượt qua. Chưa có số đo: đây là giả "
        "định; phải cao hơn tỷ lệ xuất phát.",
        min=1, max=100, step=1,
    ),
    Lever(
        "skills_diffusion_speed", "assumption", "training",
        "Speed of digital-skills diffusion", "Tốc độ lan tỏa kỹ năng số",
        "per year (logistic rate)", "mỗi năm (hệ số logistic)", 0.25,
        "How fast the share able to use online services approaches its ceiling. No measured "
        "series: an assumption.",
        "Tốc độ tỷ lệ biết dùng dịch vụ trực tuyến tiến tới mức trần. Chưa có chuỗi số đo: "
        "đây là giả định.",
        min=0, max=1.5, step=0.01,
    ),
    Lever(
        "skills_outreach", "policy", "training",
        "Outreach: extra speed of skills diffusion", "Phổ cập: tăng tốc độ lan tỏa kỹ năng số",
        "per year, added to the logistic rate", "mỗi năm, cộng vào hệ số logistic", 0.0,
        "What community digital technology teams and OneTouch courses add to the diffusion "
        "speed (212,761 team members in 2022, over 340,000 in March 2025). 0 = recent effort, "
        "already in the assumed speed.",
        "Phần tăng tốc độ lan tỏa nhờ Tổ công nghệ số cộng đồng và các khóa học OneTouch "
        "(212.761 thành viên năm 2022, hơn 340.000 vào tháng 3/2025). 0 = nỗ lực hiện tại, đã "
        "nằm trong tốc độ giả định.",
        min=0, max=0.5, step=0.01,
    ),
    Lever(
        "stem_start_share", "assumption", "training",
        "Schools teaching STEM/STEAM (2022)", "Cơ sở giáo dục triển khai STEM/STEAM (2022)",
        "% of schools", "% cơ sở giáo dục", 20,
        "No measured share exists: the starting point is an assumption.",
        "Chưa có số đo: điểm xuất phát là giả định.",
        min=0, max=100, step=1,
    ),
    Lever(
        "stem_share_gain", "policy", "training",
        "Yearly gain in STEM/STEAM schools", "Mức tăng hằng năm của cơ sở giáo dục STEM/STEAM",
        "percentage points per year", "điểm phần trăm mỗi năm", 5,
        "How many more schools (as a share) start teaching STEM/STEAM each year.",
        "Tỷ lệ cơ sở giáo dục bắt đầu triển khai STEM/STEAM tăng thêm mỗi năm.",
        min=0, max=20, step=0.5,
    ),
    # --- UN EGDI ranking --------------------------------------------------------------------
    Lever(
        "vnm_pace", "assumption", "ranking.pace",
        "Viet Nam's path before extra effort", "Quỹ đạo của Việt Nam khi chưa có nỗ lực thêm",
        "path", "quỹ đạo", "fitted",
        "fitted: Viet Nam moves as countries at its level have moved per edition since 2014 (the "
        "pooled model all 192 others follow, with its own persistent effect). recent_pace: it "
        "repeats its own 2014-2024 mean gains (+0.058 OSI, +0.100 TII, +0.022 HCI per edition, "
        "shrinking as each index nears 1), about twice the fitted path.",
        "Động lực ước lượng: Việt Nam thay đổi như các quốc gia cùng mức đã thay đổi mỗi kỳ từ năm "
        "2014 (mô hình chung mà 192 nước còn lại tuân theo, cộng hiệu ứng riêng bền vững). Nhịp "
        "2014-2024: "
        "lặp lại mức tăng bình quân 2014-2024 của chính Việt Nam (+0,058 OSI, +0,100 TII, +0,022 "
        "HCI mỗi kỳ, giảm dần khi chỉ số tiến gần 1), khoảng gấp đôi quỹ đạo ước lượng.",
        choices=("fitted", "recent_pace"),
    ),
    Lever(
        "vnm_osi_gain", "policy", "ranking",
        "Viet Nam: extra Online Service Index gain",
        "Việt Nam: mức tăng thêm của chỉ số dịch vụ trực tuyến", *_EDITION, 0.0,
        "Extra OSI per survey edition above Viet Nam's path (see vnm_pace), at today's level; it "
        "shrinks in proportion to the distance left to 1. 0 = no effort beyond that path.",
        "Mức tăng OSI thêm mỗi kỳ khảo sát so với quỹ đạo của Việt Nam (xem vnm_pace), tính ở "
        "mức hiện tại; giảm theo tỷ lệ khoảng cách còn lại tới 1. 0 = không nỗ lực thêm.",
        min=-0.1, max=0.2, step=0.005,
    ),
    Lever(
        "vnm_tii_gain", "policy", "ranking",
        "Viet Nam: extra Telecommunication Infrastructure Index gain",
        "Việt Nam: mức tăng thêm của chỉ số hạ tầng viễn thông", *_EDITION, 0.0,
        "Extra TII per survey edition above Viet Nam's path (see vnm_pace), at today's level; it "
        "shrinks in proportion to the distance left to 1. 0 = no effort beyond that path.",
        "Mức tăng TII thêm mỗi kỳ khảo sát so với quỹ đạo của Việt Nam (xem vnm_pace), tính ở "
        "mức hiện tại; giảm theo tỷ lệ khoảng cách còn lại tới 1. 0 = không nỗ lực thêm.",
        min=-0.1, max=0.2, step=0.005,
    ),
    Lever(
        "vnm_hci_gain", "policy", "ranking",
        "Viet Nam: extra Human Capital Index gain",
        "Việt Nam: mức tăng thêm của chỉ số nguồn nhân lực", *_EDITION, 0.0,
        "Extra HCI per survey edition above Viet Nam's path (see vnm_pace), at today's level; it "
        "shrinks in proportion to the distance left to 1. 0 = no effort beyond that path.",
        "Mức tăng HCI thêm mỗi kỳ khảo sát so với quỹ đạo của Việt Nam (xem vnm_pace), tính ở "
        "mức hiện tại; giảm theo tỷ lệ khoảng cách còn lại tới 1. 0 = không nỗ lực thêm.",
        min=-0.1, max=0.2, step=0.005,
    ),
    Lever(
        "others_momentum", "assumption", "ranking.world",
        "Other countries' momentum", "Đà cải thiện của các nước khác",
        "x their historical pace", "lần nhịp lịch sử", 1.0,
        "How fast the other 192 countries keep improving, relative to their own past pace.",
        "Tốc độ cải thiện của 192 nước còn lại so với nhịp trong quá khứ của chính họ.",
        min=0, max=2, step=0.05,
    ),
    # --- simulation --------------------------------------------------------------------------
    Lever(
        "draws", "setting", "simulation",
        "Simulated paths", "Số đường mô phỏng", "draws", "lần rút", 2000,
        "Monte Carlo draws per projection: more is smoother and slower.",
        "Số lần mô phỏng Monte Carlo cho mỗi dự báo: nhiều hơn thì mượt hơn nhưng chậm hơn.",
        min=100, max=20000, step=100, integer=True,
    ),
    Lever(
        "seed", "setting", "simulation",
        "Random seed", "Giá trị khởi tạo ngẫu nhiên", "integer", "số nguyên", 2026,
        "The same scenario and seed give the same numbers, byte for byte.",
        "Cùng kịch bản và giá trị khởi tạo ngẫu nhiên cho cùng kết quả, từng byte.",
        min=0, max=2**31 - 1, step=1, integer=True,
    ),
)  # fmt: skip

REGISTRY: Mapping[str, Lever] = MappingProxyType({lever.name: lever for lever in LEVERS})


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


def default_values() -> dict[str, Value]:
    """Every lever at its default: the baseline before any scenario file is read."""
    return {lever.name: lever.default for lever in LEVERS}


def validate_levers(values: Mapping[str, object], where: str) -> dict[str, Value]:
    """Check every name and value against the registry; return them normalised."""
    return {name: get_lever(name, where).check(value, where) for name, value in values.items()}
