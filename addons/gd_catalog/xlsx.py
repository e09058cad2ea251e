"""Worksheet names for the xlsx reports of every gd module: the one place that makes them valid.

Excel refuses a sheet name longer than 31 characters, one with any of ``[ ] : * ? / \\`` and two names that
differ only in case; xlsxwriter raises on each of them.
"""
import re

SHEET_NAME_MAX = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name, used, fallback="-"):
    """A valid worksheet name for ``name`` that is not yet in ``used`` (lower-case names; it adds its own).

    Forbidden characters become spaces, a long name is cut, an empty one becomes ``fallback``, and a name
    already used gets " (2)", " (3)"... within the 31 characters.
    """
    base = _FORBIDDEN.sub(" ", name or "")[:SHEET_NAME_MAX].strip() or fallback[:SHEET_NAME_MAX]
    candidate, counter = base, 2
    while candidate.lower() in used:
        suffix = " (%d)" % counter
        candidate = base[:SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        counter += 1
    used.add(candidate.lower())
    return candidate
