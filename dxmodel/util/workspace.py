"""Making a workspace: the folder an analyst owns (see `paths` for how commands find it).

`dxmodel init` writes the marker file, the folders commands write to, an example scenario to
copy from, and copies of the notebooks to explore in; with `--data`, an editable copy of the
shipped data, which the workspace then reads instead. Nothing that exists is overwritten, so
running it again only adds what is missing (after an upgrade: new notebooks).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from dxmodel.util.errors import DxError, short_path
from dxmodel.util.paths import (
    MARKER,
    NOTEBOOKS_DIR,
    SHIPPED_DATA,
    in_installation,
    workspace_settings,
)

TEMPLATES = ("report.ipynb", "sweep.ipynb")  # rendered by commands, not opened by people
EXAMPLE = "example"  # the example scenario's name: a copy of the baseline to edit
MARKER_TEXT = """\
# A dxmodel workspace: commands run in this folder or below it read and write here.
# Folders (relative to this file) may be renamed, e.g.
# [folders]
# reports = "out"
"""
EXAMPLE_TEXT = """\
name: {name}
title:
  en: Example — the baseline, to edit
  vi: Ví dụ — kịch bản cơ sở, để chỉnh sửa
description:
  en: Every lever at its default. Set levers below (dxmodel levers lists them), then run
    dxmodel assess {name} or dxmodel report {name}.
  vi: Mọi tham số ở mức mặc định. Đặt tham số bên dưới (dxmodel levers liệt kê chúng), rồi chạy
    dxmodel assess {name} hoặc dxmodel report {name}.
levers: {{}}
"""


def init_workspace(folder: Path, with_data: bool = False) -> list[Path]:
    """Make `folder` a workspace; the files and folders it added, in order."""
    folder = folder.absolute()
    if in_installation(folder):
        raise DxError(f"{short_path(folder)} is inside dxmodel's installation: choose your own")
    if folder.exists() and not folder.is_dir():
        raise DxError(f"{short_path(folder)}: a file, not a folder")
    added: list[Path] = []
    try:
        added += _make_dir(folder)
        marker = folder / MARKER
        if not marker.exists():
            marker.write_text(MARKER_TEXT, encoding="utf-8")
            added.append(marker)
        names = workspace_settings(folder)
        for kind in ("scenarios", "reports", "notebooks"):
            added += _make_dir(folder / names[kind])
        example = folder / names["scenarios"] / f"{EXAMPLE}.yaml"
        if not example.exists():
            example.write_text(EXAMPLE_TEXT.format(name=EXAMPLE), encoding="utf-8")
            added.append(example)
        for notebook in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
            copy = folder / names["notebooks"] / notebook.name
            if notebook.name not in TEMPLATES and not copy.exists():
                shutil.copyfile(notebook, copy)
                added.append(copy)
        data = folder / names["data"]
        if with_data and not data.exists():
            shutil.copytree(SHIPPED_DATA, data, ignore=shutil.ignore_patterns(".*", "mine"))
            added.append(data)
    except OSError as exc:
        where = short_path(exc.filename or folder)
        raise DxError(f"{where}: cannot write the workspace ({exc.strerror})") from None
    return added


def _make_dir(path: Path) -> list[Path]:
    if path.is_dir():
        return []
    path.mkdir(parents=True)
    return [path]
