"""Run a parameterised notebook with papermill and turn it into one offline HTML page.

Each run gets a private kernel made from the running Python in a scratch folder, so nothing
depends on a registered kernel or on the caller's working directory; nbconvert then writes the
page with code hidden and the vega code inlined once (no network when it is opened).
"""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"
PRIVATE_KERNEL = "dxmodel-render"  # made per render from the running Python (see private_kernel)


@functools.cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (from vl-convert), built once a process."""
    import vl_convert

    return vl_convert.javascript_bundle().replace("</script", "<\\/script")


def to_html(notebook, language: str, title: str) -> str:
    """An executed report notebook as one offline HTML page, code hidden."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="dxreport",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=language,
    )
    notebook.metadata["title"] = title
    body, _ = exporter.from_notebook_node(notebook, resources={"vega_bundle": vega_bundle()})
    return body


def execute(
    notebook: Path, parameters: dict, language: str, title: str, timeout: int, folder: Path
) -> bytes:
    """Run a parameterised notebook in `folder` with a private kernel; its offline HTML page."""
    import papermill

    executed = folder / notebook.name
    papermill.execute_notebook(
        str(notebook),
        str(executed),
        parameters=parameters,
        kernel_name=private_kernel(folder),
        cwd=str(folder),
        progress_bar=False,
        execution_timeout=timeout,
        start_timeout=120,
        log_output=False,
        request_save_on_cell_execute=False,  # written once, at the end
    )
    import nbformat

    return to_html(nbformat.read(executed, as_version=4), language, title).encode("utf-8")


def failure(exc: Exception) -> str:
    """Why a render failed, in one line: the cell's error, or the runner's."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return " ".join(f"{exc.ename}: {exc.evalue}".split())[:300]
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]


def private_kernel(folder: Path) -> str:
    """A kernel spec for the running interpreter, in `folder`: no registration step, and
    ipykernel's start-up warnings (e.g. TCP without encryption on loopback) kept quiet."""
    spec = folder / "kernels" / PRIVATE_KERNEL
    spec.mkdir(parents=True)
    argv = [
        sys.executable,
        "-m",
        "ipykernel_launcher",
        "-f",
        "{connection_file}",
        "--IPKernelApp.log_level=CRITICAL",
    ]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "dxmodel (this Python)", "language": "python"})
    )
    # first on the path, for this render only: the worker's own folder, deleted after it
    inherited = os.environ.get("JUPYTER_PATH", "").split(os.pathsep)
    kept = [p for p in inherited if p and not Path(p).name.startswith("dxmodel-render-")]
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(folder), *kept])
    return PRIVATE_KERNEL
