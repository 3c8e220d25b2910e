import re
import unicodedata

# Bidi embedding, override and isolate controls and the directional marks: in a
# name or subject they reorder what is shown ("fdp.exe" reads as "exe.pdf").
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# NUL (PostgreSQL refuses it in text) and the other C0 controls a keyboard never
# types; tab and line breaks stay, textareas need them.
_UNWANTED = re.compile(f"[\x00-\x08\x0e-\x1b\x7f{BIDI_CONTROLS}]")
# Vertical tab, form feed and the separators \x1c-\x1f end a line for Python
# (str.splitlines) and for the email package: keep them as plain line breaks.
_OTHER_LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1f]")
ELLIPSIS = "…"


def fold(text: str) -> str:
    """Lower-case text without diacritics, so "ba to" finds "Ba Tơ"."""
    text = (text or "").replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower().strip()


def clean_text(text: str) -> str:
    """Text as people typed it, without NUL, stray control characters and bidi controls."""
    return _OTHER_LINE_BREAKS.sub("\n", _UNWANTED.sub("", text or ""))


def single_line(text: str, max_length: int | None = None) -> str:
    """Clean text on one line (every kind of line break and run of spaces becomes
    one space), cut to ``max_length`` with an ellipsis: what a title, an email
    subject or any header-like field can hold."""
    text = " ".join(clean_text(text).split())
    if max_length is not None and len(text) > max_length:
        text = text[:max_length - len(ELLIPSIS)].rstrip() + ELLIPSIS
    return text
