"""Local authority names as the DfE's open data writes them, from the forms reports print.

Reports name a council in many ways ("London Borough of Sutton", "Leeds City", "Doncaster
Metropolitan Borough Council", "Bradford Children and Families Trust"); the published figures
name it once ("Sutton", "Leeds", "Doncaster", "Bradford"). ``authority_name`` turns the first
into the second so that an imported report and the figures join up. It also accepts the open
data's own inverted forms ("Herefordshire, County of"), so both sides can be put through it.
"""

from __future__ import annotations

import re

_PREFIXES = (
    "the",
    "london borough of",
    "royal borough of",
    "borough of",
    "metropolitan borough of",
    "city and county of",
    "county of",
    "city of",
)
"""Words before the place name. "City of London" is a place, not a prefix: see ``_WHOLE``."""

_SUFFIXES = (
    "children and families trust",
    "children's services trust",
    "childrens services trust",
    "children's trust",
    "childrens trust",
    "metropolitan borough council",
    "metropolitan district council",
    "borough council",
    "district council",
    "county council",
    "city council",
    "unitary authority",
    "council",
    "county",
    "city",
)
"""Words after the place name: the kind of council, or the trust that runs its services."""

_WHOLE = {"city of london": "City of London", "county durham": "County Durham"}
"""Names in which "City"/"County" belong to the place itself."""


def authority_name(printed: str) -> str:
    """The authority's name as the open data writes it ("London Borough of Sutton" → "Sutton").

    Pure and forgiving: a name it does not recognise comes back tidied but otherwise as given.
    """
    name = re.sub(r"\s+", " ", printed.replace("’", "'")).strip(" ,.")
    inverted = re.fullmatch(r"(?P<place>.+?),\s*(?P<kind>city|county)\s+of", name, re.I)
    if inverted:  # the open data's "Bristol, City of"
        name = inverted["place"]
    if name.lower() in _WHOLE:
        return _WHOLE[name.lower()]
    changed = True
    while changed:
        changed = False
        lower = name.lower()
        if lower in _WHOLE:
            return _WHOLE[lower]
        for prefix in _PREFIXES:
            if lower.startswith(prefix + " ") and len(name) > len(prefix) + 1:
                name, changed = name[len(prefix) + 1 :].strip(), True
                break
        lower = name.lower()
        for suffix in _SUFFIXES:
            if lower.endswith(" " + suffix) and len(name) > len(suffix) + 1:
                name, changed = name[: -len(suffix) - 1].strip(" ,"), True
                break
    return name


def same_authority(a: str, b: str) -> bool:
    """Whether two names, in any of the forms above, are the same authority."""
    return authority_name(a).casefold() == authority_name(b).casefold()
