"""How recently each state's data was compared with its sources, and how the site says so."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .model import StateData


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from `earlier` to `later`."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (later.day < earlier.day)


def stale_states(states: Iterable[StateData], limit: int, today: date) -> list[str]:
    """One line per state last checked more than `limit` months before `today`."""
    return [
        f"data/requirements/{s.state.lower()}.yaml: last_checked {s.last_checked.isoformat()} is "
        f"{months_between(s.last_checked, today)} months ago, over the {limit}-month limit; "
        "compare the data with its sources and update last_checked"
        for s in states
        if months_between(s.last_checked, today) > limit
    ]


def footer_line(states: list[StateData], existing: str | None) -> str:
    """The line every page's footer shows, in an applicant's words: when the data was last checked.

    The data version is for editors: the sources page shows it.
    """
    dates = sorted(s.last_checked for s in states)
    checked = dates[0].isoformat() if dates[0] == dates[-1] else f"{dates[0].isoformat()} to {dates[-1].isoformat()}"
    line = (f"Requirements last checked against the associations' documents on {checked}. "
            "Confirm them with your association before you apply.")
    return f"{existing} {line}" if existing else line
