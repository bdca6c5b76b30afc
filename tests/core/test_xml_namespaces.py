"""XML writers must not change each other's output through ElementTree's process-wide namespace registry."""

from __future__ import annotations

import pytest

from matchmaker.core.charts import bar_chart

pytestmark = pytest.mark.db


def test_charts_stay_svg_after_the_sitemap_and_the_atom_feed_are_written(client, factory) -> None:
    factory.offer(title="Sommarpraktik")
    assert client.get("/sitemap.xml").status_code == 200
    assert client.get("/feeds/offers.atom").status_code == 200
    svg = bar_chart(["a", "b"], [1, 2], "Title")
    assert svg.startswith("<svg") and "<ns0:" not in svg
