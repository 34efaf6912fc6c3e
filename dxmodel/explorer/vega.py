"""Charts in the explorer: small anywidgets drawn by vega-embed, one shared copy of vega.

The vega code (~0.9 MB, from vl-convert, so nothing is fetched from the network) is shipped
once per kernel by one `VegaLibrary` widget and shared by every `Chart` in the page (see
chart.js and library.js beside this file); the library widget also carries the explorer's look
(explorer.css).
"""

from __future__ import annotations

import functools
from pathlib import Path

import anywidget
import traitlets

HERE = Path(__file__).parent  # chart.js, library.js, explorer.css


@functools.cache
def vega_source() -> str:
    """vega-embed, vega-lite and vega as one module, for the page (from vl-convert, offline)."""
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    return vlc.javascript_bundle(
        "globalThis.__dxmodelVegaLib = { vegaEmbed, vega };", vl_version=vl_version_for_vl_convert()
    )


class Chart(anywidget.AnyWidget):
    """A Vega-Lite chart the kernel redraws by setting `spec`; only moved datasets are sent on."""

    _esm = HERE / "chart.js"
    name = traitlets.Unicode("").tag(sync=True)
    spec = traitlets.Dict(allow_none=True).tag(sync=True)
    embed_options = traitlets.Dict().tag(sync=True)


class VegaLibrary(anywidget.AnyWidget):
    """Ships the vega code and the explorer's look to the page once, for every Chart; shows
    nothing itself."""

    _esm = HERE / "library.js"
    _css = HERE / "explorer.css"
    source = traitlets.Unicode("").tag(sync=True)


_library: VegaLibrary | None = None


def vega_library() -> VegaLibrary:
    """The kernel's one VegaLibrary (made again if it was closed)."""
    global _library
    if _library is None or _library.comm is None:
        _library = VegaLibrary(source=vega_source())
    return _library
