"""Which nation of the UK a postcode is in: the HSDS address's ``state_province``.

HSDS 3.0 requires ``state_province`` and a listing has no county, so the export gives the UK
nation, which the postcode says: the postcode areas wholly in Wales, Scotland or Northern
Ireland are listed below, and every other area is wholly in England, except the border
districts (Chester, Shrewsbury, Berwick) which are named from the directory's own bank-holiday
setting, or with both nations when it cannot tell them apart.
"""

from __future__ import annotations

import re

_WALES = {"CF", "LD", "LL", "NP", "SA"}
_SCOTLAND = {"AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "ZE"}
_ISLANDS = {"GY": "Guernsey", "JE": "Jersey", "IM": "Isle of Man"}
_WELSH_DISTRICTS = {"CH5", "CH6", "CH7", "CH8"} | {f"SY{n}" for n in range(15, 26)}
_BORDER = {"CH4", "SY10", "TD12"}  # districts on both sides of a border
_ENGLISH_DISTRICTS = {"TD15"}


def nation(postcode: str, bank_holidays: str = "england-and-wales") -> str:
    compact = "".join(postcode.split()).upper()
    district = compact[:-3]
    area = re.match(r"[A-Z]+", district)
    area_code = area.group(0) if area else ""
    if area_code == "BT":
        return "Northern Ireland"
    if area_code in _ISLANDS:
        return _ISLANDS[area_code]
    if area_code in _WALES or district in _WELSH_DISTRICTS:
        return "Wales"
    if district in _ENGLISH_DISTRICTS:
        return "England"
    if district in _BORDER:
        if area_code == "TD":
            return "Scotland" if bank_holidays == "scotland" else "England"
        return "England and Wales"
    if area_code in _SCOTLAND or area_code == "TD":
        return "Scotland"
    return "England"
