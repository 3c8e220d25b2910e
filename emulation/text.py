import unicodedata


def fold(text: str) -> str:
    """Lower-case text without diacritics, so "ba to" finds "Ba Tơ"."""
    text = (text or "").replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower().strip()
