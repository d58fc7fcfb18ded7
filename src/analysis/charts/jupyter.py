"""How figures show in Jupyter (applied when the charts package is imported)."""

from __future__ import annotations

import matplotlib as mpl

# Inline PNGs are rendered at this resolution: a 16 cm figure is 1386 px wide, wider than a notebook's output
# area on most screens, and JupyterLab scales images down to the area's width (max-width: 100 %), so a chart
# fills the notebook's width instead of showing at 629 px (matplotlib's 100 dpi), under half of it.
INLINE_DPI = 220


def show_inline_as_saved() -> bool:
    """In Jupyter, show figures at their page size, as the pack saves them, at the notebook's width; returns
    whether it applied.

    IPython crops inline figures to a tight box by default: it draws every figure twice (a third of a 5-region
    report's notebook time) and can show what the saved file cuts off. Figures here are laid out to fill their
    page, so the uncropped image is the same chart. Does nothing outside IPython's inline backend.
    """
    try:
        # deferred: IPython is there only in a kernel; the command line and the pack never load it
        from IPython import get_ipython

        if get_ipython() is None or "inline" not in mpl.get_backend():
            return False
        # deferred: matplotlib-inline belongs to the kernel, as above
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("png", bbox_inches=None, dpi=INLINE_DPI)
        return True
    except Exception:  # no IPython or an older matplotlib-inline: its default display stands
        return False
