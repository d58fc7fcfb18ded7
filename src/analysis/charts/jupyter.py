"""How figures show in Jupyter (applied when the charts package is imported)."""

from __future__ import annotations

import matplotlib as mpl


def show_inline_as_saved() -> bool:
    """In Jupyter, show figures at their page size, as the pack saves them; returns whether it applied.

    IPython crops inline figures to a tight box by default: it draws every figure twice (a third of a 5-region
    report's notebook time) and can show what the saved file cuts off. Figures here are laid out to fill their
    page, so the uncropped image is the same chart. Does nothing outside IPython's inline backend.
    """
    try:
        from IPython import get_ipython

        if get_ipython() is None or "inline" not in mpl.get_backend():
            return False
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("png", bbox_inches=None)
        return True
    except Exception:  # no IPython or an older matplotlib-inline: its default display stands
        return False


show_inline_as_saved()
