"""Scenarios: a named, described set of lever values, stored as a small YAML file.

A scenario file is the unit analysts share, so reading one is strict: every problem is one
line naming the file, the key and what is allowed. Anything a file does not set takes the
lever's default. The name is the file's stem and becomes a report's file name, so it is
restricted to a safe alphabet.

Presets live in the data folder's `scenarios/`; the analyst's own (saved from the explorer, or
written by hand) live apart, in the workspace's `scenarios/`, so they never join the presets:
`list_scenarios()` lists presets only, `list_saved_scenarios()` the analyst's own. A bare name
finds a preset first, then the analyst's.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import NoReturn

import yaml

from dxmodel.core.levers import LEVERS, REGISTRY, SHARED, Value, get_lever, validate_levers
from dxmodel.text.i18n import SOURCE_LANGUAGE, languages
from dxmodel.util.errors import ScenarioError, short_path, short_repr
from dxmodel.util.paths import scenarios_dir, user_scenarios_dir

NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
NAME_RULE = (
    "1-64 characters: lower-case letters, digits, '-' or '_', starting with a letter or digit"
)
BASELINE = "baseline"  # the preset every other scenario is compared with
TOP_KEYS = ("name", "title", "description", "levers")
SUFFIXES = (".yaml", ".yml")
# Bounds on what a scenario file may be: a real one is a few hundred bytes, two levels deep,
# with short names for keys; anything far past that is a mistake or an attack, refused early.
MAX_BYTES = 1_000_000
MAX_DEPTH = 20  # nested mappings and lists; a scenario needs 2
MAX_KEY = 64  # characters of a key: lever names and the top keys are shorter
MAX_NUMBER = 40  # characters of a YAML integer; beyond this it cannot be a lever's value


@dataclass(frozen=True)
class Scenario:
    """A validated scenario. `levers` holds only the values the file sets."""

    name: str
    title: Mapping[str, str]
    description: Mapping[str, str]
    levers: Mapping[str, Value] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Read-only views: a Scenario is a value, shared between the explorer and reports.
        for attr in ("title", "description", "levers"):
            object.__setattr__(self, attr, MappingProxyType(dict(getattr(self, attr))))

    def __hash__(self) -> int:  # mapping fields are unhashable; the file form is not
        return hash(self.to_yaml())

    def value(self, lever: str) -> Value:
        """The lever's value in this scenario, or its default."""
        return self.levers.get(lever, get_lever(lever).default)

    def values(self) -> dict[str, Value]:
        """Every lever's value, defaults filled in."""
        return {lever.name: self.value(lever.name) for lever in LEVERS}

    def read_by(self, model: str) -> tuple[tuple[str, Value], ...]:
        """The values of every lever `model` reads (a family, or `family.part`): equal keys,
        equal results, so every cache key comes from the lever registry and none can miss a
        lever. A family reads its parts' levers too, a part only its own, and every model
        reads the shared simulation settings."""

        def reads(reader: str) -> bool:
            return reader in (SHARED, model) or reader.startswith(model + ".")

        return tuple((lv.name, self.value(lv.name)) for lv in LEVERS if reads(lv.model))

    def settings(self) -> dict[str, Value]:
        """The values of its setting levers (series, draws, seed): what a comparison shares."""
        return {lv.name: self.value(lv.name) for lv in LEVERS if lv.kind == "setting"}

    def title_in(self, language: str) -> str:
        """The title in `language`, else in English, else in whichever language it has."""
        return _in(self.title, language) or self.name

    def description_in(self, language: str) -> str:
        return _in(self.description, language)

    def with_levers(self, **changes: Value) -> Scenario:
        """A copy with some levers changed (validated against the registry)."""
        checked = validate_levers(changes, f"scenario {self.name!r}")
        return replace(self, levers={**self.levers, **checked})

    def to_yaml(self) -> str:
        """The file form; `load_scenario` of it gives back an equal Scenario."""
        document = {
            "name": self.name,
            "title": dict(self.title),
            **({"description": dict(self.description)} if self.description else {}),
            "levers": {k: self.levers[k] for k in REGISTRY if k in self.levers},
        }
        return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=88)

    def digest(self) -> str:
        """A short content hash: two reports with the same digest ran the same scenario."""
        return hashlib.sha256(self.to_yaml().encode()).hexdigest()[:12]


def check_name(name: object, where: str = "scenario name") -> str:
    """Return `name` if it is a safe scenario name, else raise a one-line ScenarioError."""
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise ScenarioError(f"{where} {short_repr(name)} is not allowed: use {NAME_RULE}")
    return name


def list_scenarios(directory: Path | None = None) -> list[str]:
    """Names of the preset scenarios, baseline first (never the user's saved ones)."""
    folder = directory or scenarios_dir()
    names = sorted(p.stem for p in folder.glob("*.yaml") if NAME_PATTERN.fullmatch(p.stem))
    return sorted(names, key=lambda n: n != BASELINE)


def check_presets() -> list[Scenario]:
    """Every preset, read and validated. A data folder without its scenarios folder or its
    baseline is refused: every report and comparison starts from the baseline."""
    folder = scenarios_dir()
    if not _is_dir(folder):
        raise ScenarioError(
            f"{short_path(folder)}: no scenarios folder; the data folder keeps its preset "
            f"scenarios there ({BASELINE}.yaml at least)"
        )
    names = list_scenarios()
    if BASELINE not in names:
        raise ScenarioError(
            f"{short_path(folder)}: {BASELINE}.yaml is missing; every report compares with it"
        )
    return [load_scenario(name) for name in names]


def saved_scenarios_dir() -> Path:
    """The folder of the analyst's own scenarios, kept apart from the presets."""
    return user_scenarios_dir()


def list_saved_scenarios(directory: Path | None = None) -> list[str]:
    """Names of the user's saved scenarios, sorted; empty when none was saved."""
    folder = directory or saved_scenarios_dir()
    return sorted(p.stem for p in folder.glob("*.yaml") if NAME_PATTERN.fullmatch(p.stem))


def resolve_scenario(name_or_path: str | Path) -> Path:
    """The file a preset name or a path refers to, checked to exist."""
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or "/" in text or "\\" in text or text.endswith(SUFFIXES):
        path = Path(text)
        if path.suffix not in SUFFIXES:
            raise ScenarioError(f"{short_path(path)}: a scenario file must end in .yaml or .yml")
        check_name(path.stem, f"{short_path(path)}: file name")
    else:
        check_name(text)
        path = scenarios_dir() / f"{text}.yaml"
        if not _is_file(path) and _is_file(saved_scenarios_dir() / f"{text}.yaml"):
            path = saved_scenarios_dir() / f"{text}.yaml"
        if not _is_file(path):
            known = ", ".join(list_scenarios()) or f"none in {short_path(scenarios_dir())}"
            mine = ", ".join(list_saved_scenarios())
            saved = f"; saved: {mine}" if mine else ""
            raise ScenarioError(f"scenario {short_repr(text)} not found; presets: {known}{saved}")
    if not _is_file(path):
        what = "is a folder, not a scenario file" if path.is_dir() else "scenario file not found"
        raise ScenarioError(f"{short_path(path)}: {what}")
    return path


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError as exc:
        raise ScenarioError(f"{short_path(path)}: cannot be read ({exc.strerror})") from None


def _is_file(path: Path) -> bool:
    """`path.is_file()`, but a path the OS refuses (name too long, no access) is one line."""
    try:
        return path.is_file()
    except OSError as exc:
        raise ScenarioError(f"{short_path(path)}: cannot be read ({exc.strerror})") from None


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Read and validate a preset (by name) or a scenario file (by path)."""
    path = resolve_scenario(name_or_path)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)  # never more, whatever the file's size
    except OSError as exc:
        raise ScenarioError(f"{short_path(path)}: cannot be read ({exc.strerror})") from None
    _check_size(len(data), short_path(path))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(f"{short_path(path)}: not UTF-8 text") from None
    return parse_scenario(text, path)


def scenario_from_text(text: str, where: str = "scenario") -> Scenario:
    """A scenario from its file form (`Scenario.to_yaml`), named by its own `name` key: how a
    scenario travels to a worker, with no file behind it."""
    document = _safe_load(text, where)
    name = document.get("name") if isinstance(document, dict) else None
    return parse_scenario(text, Path(f"{check_name(name, where + ' name')}.yaml"))


def _check_size(size: int, where: str) -> None:
    if size > MAX_BYTES:
        raise ScenarioError(
            f"{where}: the file is over {MAX_BYTES // 1_000_000} MB; "
            f"a scenario file may have at most {MAX_BYTES:,} bytes"
        )


def parse_scenario(text: str, path: Path) -> Scenario:
    """Validate the YAML text of a scenario file; `path` names it in errors and gives its name."""
    where = short_path(path)
    size = len(text) if len(text) > MAX_BYTES else len(text.encode("utf-8", "replace"))
    _check_size(size, where)  # characters <= bytes: no need to encode a huge text
    document = _safe_load(text, where)
    if not isinstance(document, dict):
        raise ScenarioError(
            f"{where}: expected a mapping with keys {', '.join(TOP_KEYS)}, "
            f"got {type(document).__name__}"
        )
    unknown = [str(k) for k in document if k not in TOP_KEYS]
    if unknown:
        raise ScenarioError(
            f"{where}: unknown key {short_repr(unknown[0])}; allowed: {', '.join(TOP_KEYS)}"
        )
    name = path.stem
    if "name" in document and document["name"] != name:
        raise ScenarioError(
            f"{where}: name {short_repr(document['name'])} does not match the file name {name!r}; "
            "they must be the same"
        )
    levers = document.get("levers") or {}
    if not isinstance(levers, dict):
        raise ScenarioError(f"{where}: levers must be a mapping of lever name to value")
    return Scenario(
        name=name,
        title=_texts(document, "title", where, required=True),
        description=_texts(document, "description", where, required=False),
        levers=validate_levers(levers, where),
    )


def _texts(document: dict, key: str, where: str, required: bool) -> dict[str, str]:
    value = document.get(key)
    if value is None and not required:
        return {}
    # A title typed in Vietnamese is saved under `vi` alone: either language is enough.
    if not isinstance(value, dict) or not any(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in languages()
    ):
        raise ScenarioError(
            f"{where}: {key} must be a mapping with a non-empty text in one of: "
            f"{', '.join(languages())}"
        )
    for lang, text in value.items():  # keys are short texts: the loader refuses others
        if lang not in languages() or not isinstance(text, str):
            raise ScenarioError(
                f"{where}: {key}.{lang} is not allowed; use text under: {', '.join(languages())}"
            )
    return {lang: value[lang].strip() for lang in languages() if (value.get(lang) or "").strip()}


def _in(texts: Mapping[str, str], language: str) -> str:
    """`texts` in `language`, else English, else any language it has, else ""."""
    return texts.get(language) or texts.get(SOURCE_LANGUAGE) or next(iter(texts.values()), "")


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader for files people share: refuses what plain YAML accepts but nobody means.

    Duplicate keys (plain YAML keeps the last), keys that are not short names, anchors and
    aliases (a 400-byte "billion laughs" file expands to gigabytes), nesting past MAX_DEPTH
    (the composer recurses, so 600 brackets overflow Python's stack) and integers too long
    to be a lever's value (Python refuses to parse more than 4300 digits).
    """

    def __init__(self, text: str, where: str) -> None:
        super().__init__(text)
        self.where = where
        self.depth = 0

    def refuse(self, mark: yaml.Mark | None, problem: str) -> NoReturn:
        at = f" line {mark.line + 1}" if mark is not None else ""
        raise ScenarioError(f"{self.where}{at}: {problem}")

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            self.refuse(
                event.start_mark,
                "YAML anchors and aliases (&name, *name) are not allowed; write each value out",
            )
        if self.depth >= MAX_DEPTH:
            self.refuse(
                event.start_mark,
                f"nested more than {MAX_DEPTH} levels deep; a scenario needs 2 (levers: name)",
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode) -> dict:
    seen: set[str] = set()
    for key_node, _ in node.value:
        key = _key(loader, key_node)
        if key in seen:
            line = key_node.start_mark.line + 1
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (line {line})", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


def _key(loader: _StrictLoader, node: yaml.Node) -> str:
    """A mapping key, which must be a short text: a top key, a language or a lever's name."""
    if not isinstance(node, yaml.ScalarNode):  # `? [a]`: a list as a key
        loader.refuse(node.start_mark, f"a {node.id} as a key is not allowed; keys are names")
    key = loader.construct_object(node)
    if not isinstance(key, str):  # `2025:`, `yes:`, `null:`
        loader.refuse(
            node.start_mark, f"key {short_repr(key)} is not text; keys are names (quote it)"
        )
    if len(key) > MAX_KEY:
        loader.refuse(
            node.start_mark,
            f"key {short_repr(key)} is too long; keys are names of at most {MAX_KEY} characters",
        )
    return key


def _bounded_int(loader: _StrictLoader, node: yaml.ScalarNode) -> int:
    if len(node.value) > MAX_NUMBER:
        loader.refuse(
            node.start_mark,
            f"number {short_repr(node.value)} is too long; at most {MAX_NUMBER} characters",
        )
    return loader.construct_yaml_int(node)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates
)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _bounded_int)


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _check_printable(text: str, where: str) -> None:
    """Refuse control characters (NUL, escape, ...) by line and column: YAML refuses them too,
    but before its own error handling starts. Tabs and line ends are text."""
    found = CONTROL.search(text)
    if found:
        at = found.start()
        line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        raise ScenarioError(
            f"{where} line {line} column {column}: control character "
            f"U+{ord(found.group()):04X} is not allowed; a scenario file is plain text"
        )


def _safe_load(text: str, where: str) -> object:
    _check_printable(text, where)
    loader = _StrictLoader(text, where)  # a SafeLoader subclass: no arbitrary objects
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(f"{where}{at}: not valid YAML ({problem})") from None
    finally:
        loader.dispose()
