"""Charts: the SVG bar chart is safe to inline (no style, script or handlers) and its ids are unique."""

from __future__ import annotations

import pytest

from matchmaker.core import charts

pytestmark = pytest.mark.db


def test_chart_svg_is_safe_inline() -> None:
    svg = charts.bar_chart(["Examensarbete", "Praktik"], [3, 1], "Placeringar")
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-label="Placeringar"' in svg
    for forbidden in ("style=", "<style", "<script", " on", "javascript:"):
        assert forbidden not in svg, forbidden
    assert 'fill="#0b5cad"' in svg  # the bar colour survived as an attribute
    other = charts.bar_chart(["A"], [1], "B")
    ids = {part.split('"')[0] for part in svg.split(' id="')[1:]}
    assert not ids & {part.split('"')[0] for part in other.split(' id="')[1:]}
