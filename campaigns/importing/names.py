"""Unit names as plans print them, made comparable with the names in the unit tree.

Plans shorten names (“Bộ CHQS tỉnh”, “UBND huyện Ba Tơ”, “VP.UBND tỉnh”) and name
whole levels at once (“UBND các huyện, thị xã, thành phố”, “các xã, thị trấn”).
``name_key`` folds a printed or stored name to the same words; ``levels_named``
says which unit kinds a plural name stands for."""

import re

from emulation.models import COMMUNE_LEVEL_KINDS, UnitKind
from emulation.text import fold

# The abbreviations offices print, folded (no diacritics, lower case), longest first.
ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "bchqs": "bo chi huy quan su",
    "chqs": "chi huy quan su",
    "ubmttq": "uy ban mat tran to quoc",
    "mttq": "mat tran to quoc",
    "tdkt": "thi dua khen thuong",
    "vn": "viet nam",
    "ldld": "lien doan lao dong",
    "hlhpn": "hoi lien hiep phu nu",
    "vp.": "van phong ",
    "vp": "van phong",
    "tu": "tinh uy",
    "hu": "huyen uy",
    "p.": "phong ",
    "s.": "so ",
}
ABBREVIATION = re.compile(r"(?<!\w)(" + "|".join(re.escape(key) for key in sorted(ABBREVIATIONS, key=len,
                                                                                       reverse=True)) + r")(?!\w)")
# Bodies a plan still names that now work inside another: a province's emulation board (Ban Thi
# đua – Khen thưởng) is part of its Department of Home Affairs. Tried when the name itself matches nothing.
SUCCESSORS = {"ban thi dua khen thuong": "so noi vu"}
FILLER = re.compile(r"\b(?:cac|cua|va)\b")

# A plural name's level words (folded) → the unit kinds it stands for.
LEVEL_WORDS = {
    "huyen": {UnitKind.DISTRICT}, "quan": {UnitKind.DISTRICT}, "thi xa": {UnitKind.DISTRICT},
    "thanh pho": {UnitKind.DISTRICT}, "xa": set(COMMUNE_LEVEL_KINDS), "phuong": set(COMMUNE_LEVEL_KINDS),
    "thi tran": set(COMMUNE_LEVEL_KINDS), "dac khu": set(COMMUNE_LEVEL_KINDS),
    "so": {UnitKind.DEPARTMENT}, "ban, nganh": {UnitKind.DEPARTMENT}, "doan the": {UnitKind.MASS_ORGANISATION},
}
PLURAL = re.compile(r"^(?:uy ban nhan dan\s+)?(?:cac\s+)?(?P<levels>(?:huyen|quan|thi xa|thanh pho|xa|phuong|"
                    r"thi tran|dac khu|so|ban, nganh|doan the)(?:\s*,\s*(?:huyen|quan|thi xa|thanh pho|xa|phuong|"
                    r"thi tran|dac khu|so|ban|nganh|doan the|ban, nganh))*)(?:\s+(?:tinh|truc thuoc))?\s*$")


def name_key(name: str) -> str:
    """Folded, abbreviations spelled out, without “các”, “của”, “và”, a remark in brackets
    (“(qua Ban Tuyên huấn)”) and punctuation."""
    folded = ABBREVIATION.sub(lambda match: ABBREVIATIONS[match.group(1)], fold(re.sub(r"\(.*?\)", " ", name)))
    folded = FILLER.sub(" ", folded)
    return " ".join(re.sub(r"[^\w\s]", " ", folded).split())


def successor_key(key: str) -> str:
    """The key of the body that took over the one ``key`` names, or ``key`` itself."""
    for former, successor in SUCCESSORS.items():
        if key == former or key.startswith(former + " "):
            return successor + key[len(former):]
    return key


def levels_named(name: str) -> set[str]:
    """The unit kinds a plural name stands for (“UBND các huyện, thị xã, thành phố”
    → districts); empty when the name is one unit's."""
    folded = " ".join(ABBREVIATION.sub(lambda match: ABBREVIATIONS[match.group(1)], fold(name)).split())
    match = PLURAL.match(folded.rstrip(" .;"))
    if not match or ("cac " not in folded and "," not in match["levels"]):
        return set()
    kinds: set[str] = set()
    levels = match["levels"]
    for word in sorted(LEVEL_WORDS, key=len, reverse=True):  # “thị xã” before “xã”
        levels, found = re.subn(rf"(?<!\w){word}(?!\w)", " ", levels)
        if found:
            kinds |= LEVEL_WORDS[word]
    return kinds
