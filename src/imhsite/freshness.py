"""How recently each state's data was compared with its sources, and how the site says so."""

from __future__ import annotations

from datetime import date

from .model import StateData


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from `earlier` to `later`."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (later.day < earlier.day)


def footer_line(states: list[StateData], existing: str | None) -> str:
    """The line every page's footer shows, in an applicant's words: when the data was last checked.

    The data version is for editors: the sources page shows it. A state not yet checked (a
    scaffold, which only a preview shows) is named instead.
    """
    dates = sorted(s.last_checked for s in states if s.last_checked is not None)
    unchecked = [s.name for s in states if s.last_checked is None]
    said = []
    if dates:
        checked = dates[0].isoformat() if dates[0] == dates[-1] else f"{dates[0].isoformat()} to {dates[-1].isoformat()}"
        said.append(f"Requirements last checked against the associations' documents on {checked}.")
    if unchecked:
        said.append(f"{', '.join(unchecked)}: not yet checked against its documents.")
    line = " ".join(said + ["Confirm them with your association before you apply."])
    return f"{existing} {line}" if existing else line
