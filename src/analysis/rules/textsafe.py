"""Text that is safe to write out or print: nothing in a cell may act on the reader.

Cell text travels into Markdown (previewed, pasted into briefings), HTML (notebook tables, exported
with nbconvert), CSV and the analyst's terminal. Each has its own way for text to become active: a
Markdown image is fetched when previewed, `<script>` runs in HTML, ESC sequences clear a terminal
and print a fake verdict, a right-to-left override (U+202E) shows a file or number reversed. This
module owns those rules; writers call it at the point where text leaves the program.
"""

from __future__ import annotations

import html
import re

# C0 controls except tab, line feed and carriage return; DEL; C1 controls.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
# Bidirectional formatting characters: embeddings/overrides, isolates, marks.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
UNSAFE_CHARS = re.compile(f"[{_CONTROL}{_BIDI}]")
# ANSI escape sequences: CSI (colours, cursor, clear screen), OSC (titles, links), and two-byte ones.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")
# Characters that start Markdown syntax anywhere in a line (links, images, emphasis, code, raw HTML,
# entities, tables, strikethrough; ">" only matters at a line start). A backslash before ASCII punctuation is always literal.
_MD_INLINE = re.compile(r"([\\`*_\[\]<&|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def has_unsafe(s) -> bool:
    """True when `s` is text holding control or bidirectional-override characters."""
    return isinstance(s, str) and UNSAFE_CHARS.search(s) is not None


def strip_ansi(s: str) -> str:
    """Drop ANSI colour and cursor sequences (tracebacks from a kernel carry them)."""
    return _ANSI.sub("", s)


def clean(s):
    """Text without control and bidi characters (ANSI sequences removed whole); other values unchanged."""
    if not isinstance(s, str):
        return s
    if "\x1b" in s:
        s = strip_ansi(s)
    return UNSAFE_CHARS.sub("", s)


def one_line(s: str) -> str:
    """Clean text on one line: line breaks become spaces."""
    return re.sub(r"\s*[\r\n]+\s*", " ", clean(s))


def md_text(s: str) -> str:
    """Text shown literally in Markdown: one line, every inline construct escaped, and a line start
    that would make a heading, quote or list escaped too."""
    s = _MD_INLINE.sub(r"\\\1", one_line(str(s)))
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), s)


def md_cell(s: str) -> str:
    """Text inside a Markdown table cell: one line, every inline construct (pipes too) escaped."""
    return _MD_INLINE.sub(r"\\\1", one_line(str(s)))


def md_link_text(s: str) -> str:
    """The visible part of a Markdown link."""
    return md_text(s)


def md_url(path: str) -> str:
    """A relative link target for Markdown: characters that end or bend a link (space, brackets, <, >,
    backslash, %, controls, bidi marks) percent-encoded; Chinese stays readable (图表_昌江区.png)."""
    out = []
    for ch in clean(str(path)):
        if ch.isascii() and not (ch.isalnum() or ch in "/._-~+=,;:@!$&'*"):
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
        elif not ch.isascii() and not ch.isprintable():
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
        else:
            out.append(ch)
    return "".join(out)


def html_text(s) -> str:
    """Text for HTML output: cleaned and escaped (quotes too, so it is safe in attributes)."""
    return html.escape(clean(str(s)), quote=True)


def _visible(match: re.Match) -> str:
    ch = match.group(0)
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def terminal(s: str, keep_newlines: bool = True) -> str:
    """Text safe to print: ANSI sequences dropped, other controls and bidi characters shown as \\xNN /
    \\uNNNN so they can be found in the file, and (unless keep_newlines) line breaks shown as \\n."""
    s = strip_ansi(str(s))
    if not keep_newlines:
        s = s.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r")
    else:
        s = s.replace("\r\n", "\n").replace("\r", "\\r")
    return UNSAFE_CHARS.sub(_visible, s)
