"""Bar charts drawn on the server with matplotlib, as SVG that is safe inline under our CSP.

The CSP forbids inline styles, and matplotlib writes colours into style attributes and a <style> element.
We turn each style declaration into the equivalent SVG presentation attribute (allowed by CSP), drop the
<style> element (its two rules become attributes on the root), and keep no script or event handler.
"""

from __future__ import annotations

import io
import itertools
import threading
import xml.etree.ElementTree as ET
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

# Style properties that exist as SVG presentation attributes; anything else is dropped.
PRESENTATION = frozenset({
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "font-family",
    "font-size", "font-style", "font-weight", "text-anchor", "clip-rule", "visibility",
})
_counter = itertools.count(1)
_lock = threading.Lock()  # matplotlib's text and font caches are not thread-safe


def bar_chart(labels: Sequence[str], values: Sequence[float], title: str, xlabel: str = "") -> str:
    """A horizontal bar chart as sanitised inline SVG markup (role=img with the title as its name)."""
    height = max(1.6, 0.42 * len(labels) + 1.0)
    with _lock:
        fig = Figure(figsize=(7.0, height), dpi=72)
        ax = fig.add_subplot()
        positions = list(range(len(labels)))[::-1]
        ax.barh(positions, list(values), color="#0b5cad")
        ax.set_yticks(positions, [_short(label) for label in labels])
        ax.set_title(title)
        if xlabel:
            ax.set_xlabel(xlabel)
        ax.spines[["top", "right"]].set_visible(False)
        ax.xaxis.get_major_locator().set_params(integer=True)
        for pos, value in zip(positions, values, strict=True):
            ax.annotate(f"{value:g}", (value, pos), xytext=(3, 0), textcoords="offset points", va="center")
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return sanitise_svg(buffer.getvalue(), title)


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def sanitise_svg(markup: str, title: str) -> str:
    """Inline-safe SVG: styles become attributes, no <style>/<script>, ids made unique on the page."""
    root = ET.fromstring(markup)
    prefix = f"c{next(_counter)}-"
    for parent in list(root.iter()):
        for child in list(parent):
            if _local(child.tag) in ("style", "script", "metadata", "foreignObject"):
                parent.remove(child)
    for element in root.iter():
        style = element.attrib.pop("style", None)
        if style:
            for declaration in style.split(";"):
                name, _sep, value = declaration.partition(":")
                name, value = name.strip(), value.strip()
                if name in PRESENTATION and value:
                    element.set(name, value)
        for attr in list(element.attrib):
            if _local(attr).startswith("on"):
                del element.attrib[attr]
        # ids and references are prefixed, so several charts on one page do not share clip paths.
        if "id" in element.attrib:
            element.set("id", prefix + element.attrib["id"])
        href = f"{{{XLINK_NS}}}href"
        if element.attrib.get(href, "").startswith("#"):
            element.set(href, "#" + prefix + element.attrib[href][1:])
        clip = element.attrib.get("clip-path", "")
        if clip.startswith("url(#"):
            element.set("clip-path", "url(#" + prefix + clip[5:])
    # What matplotlib's <style> said for every element.
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    root.set("role", "img")
    root.set("aria-label", title)
    root.set("class", "chart")
    for size in ("width", "height"):
        root.attrib.pop(size, None)  # scales with the page; viewBox keeps the proportions
    return ET.tostring(root, encoding="unicode")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
