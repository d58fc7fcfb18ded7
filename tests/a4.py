"""What fits an A4 page: the text area of the Word draft (16 × 24 cm) at the pack's 300 dpi."""

import pytest
from PIL import Image

MAX_W_PX, MAX_H_PX = round(16 / 2.54 * 300), round(24 / 2.54 * 300)  # 1890 × 2835 px


def assert_within_a4(files):
    """Every PNG is 300 dpi and fits the A4 text area (at least one file is given)."""
    assert files
    for png in files:
        with Image.open(png) as im:
            w, h = im.size
            assert im.info.get("dpi", (300, 300))[0] == pytest.approx(300, abs=1)
        assert w <= MAX_W_PX and h <= MAX_H_PX, f"{png.name}: {w}×{h} px"
