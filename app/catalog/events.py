"""Recording actions as events: who did what, when, to which item.

Figures for supervisors and the audit trail are both read from this one table, so every
change of state that matters goes through ``record``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.catalog.models import Event


@dataclass(frozen=True)
class Actor:
    """Who acts: an operator at a station, or the station itself."""

    name: str
    station: str


def record(
    session: Session, actor: Actor, action: str, *, item_id: int | None = None, **details: Any
) -> Event:
    event = Event(actor=actor.name, station=actor.station, action=action, item_id=item_id, details=details)
    session.add(event)
    return event
