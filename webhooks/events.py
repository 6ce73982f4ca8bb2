"""Events of an organisation's own objects, for its webhook endpoints (R-HOOK-1).

``emit`` is called by the actions inside the change's transaction: it writes one ``Event``
and one ``Delivery`` per enabled endpoint subscribed to the type, and publishes the
deliveries after the commit. An organisation without endpoints costs one query and nothing
else. The payload builders here are the one place that decides what leaves the portal:
public fields of the organisation's own incidents and contacts, never an internal note
(R-INC-8) and never anything of another organisation."""

from __future__ import annotations

import datetime as dt
import json
from functools import partial
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.mail import portal_url

from .models import Delivery, Endpoint, Event, EventType

# A new delivery is published at commit; the sweep leaves it alone this long before assuming
# the publish was lost (``core.outbox`` does the same).
GRACE = dt.timedelta(minutes=1)

if TYPE_CHECKING:
    from contacts.models import Contact, Organisation
    from incidents.models import Incident, Message, StatusChange


def body_of(event: Event) -> str:
    """The exact bytes that are signed and sent, the same on every attempt."""
    return json.dumps(event.payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


Data = dict[str, Any] | Callable[[], dict[str, Any]]


def emit(organisation: Organisation | int, type: EventType | str, data: Data, *,
         now: dt.datetime | None = None) -> Event | None:
    """Record that ``type`` happened to ``data`` of ``organisation``, for every enabled
    endpoint subscribed to it; ``None`` when there is none (one query). ``data`` may be a
    function that builds it, called only when some endpoint wants the event."""
    type = EventType(type)
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    endpoints = [pk for pk, events in Endpoint.objects.filter(
        organisation_id=organisation_id, enabled=True).values_list("pk", "events")
        if type.value in events]
    if not endpoints:
        return None
    # ``now`` is when it happened (the payload says so); the deliveries' 24 hours start now.
    written = timezone.now()
    happened = now or written
    event = Event.objects.create(
        organisation_id=organisation_id, type=type, created_at=written,
        payload={"type": type.value, "timestamp": happened.isoformat(),
                 "data": data() if callable(data) else data})
    deliveries = Delivery.objects.bulk_create(
        [Delivery(event=event, endpoint_id=pk, created_at=written, next_attempt_at=written,
                  requeue_at=written + GRACE) for pk in endpoints])
    from .delivery import publish

    transaction.on_commit(partial(publish, [delivery.pk for delivery in deliveries]))
    return event


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def incident_data(incident: Incident) -> dict[str, Any]:
    """What a customer sees of an incident on its page (no notes, no staff names)."""
    return {
        "number": incident.number,
        "url": portal_url(reverse("incident_detail", args=[incident.number])),
        "subject": incident.subject,
        "description": incident.description,
        "type": incident.incident_type,
        "product_area": incident.product_area,
        "environment": incident.environment,
        "status": incident.status,
        "priority": incident.priority,
        "created_at": _when(incident.created_at),
        "updated_at": _when(incident.updated_at),
        "target_at": _when(incident.target_at),
        "reporter_contact_id": incident.reporter_id,
        "owner_contact_id": incident.owner_id,
    }


def emit_incident_created(incident: Incident) -> Event | None:
    return emit(incident.organisation_id, EventType.INCIDENT_CREATED,
                lambda: {"incident": incident_data(incident)}, now=incident.created_at)


def emit_status_changed(incident: Incident, change: StatusChange) -> Event | None:
    return emit(incident.organisation_id, EventType.INCIDENT_STATUS_CHANGED, lambda: {
        "incident": incident_data(incident),
        "change": {"from": change.from_status, "to": change.to_status,
                   "reason": change.reason, "at": _when(change.at)},
    }, now=change.at)


def emit_staff_replied(incident: Incident, message: Message) -> Event | None:
    """A public reply of support only: ``add_internal_note`` never calls this (R-INC-8)."""
    from incidents.models import MessageKind

    if message.kind != MessageKind.PUBLIC:
        raise ValueError("only public replies leave the portal")
    return emit(incident.organisation_id, EventType.INCIDENT_STAFF_REPLIED, lambda: {
        "incident": incident_data(incident),
        "message": {"id": message.pk, "body": message.body,
                    "created_at": _when(message.created_at)},
    }, now=message.created_at)


def emit_contact_changed(contact: Contact, change: str) -> Event | None:
    """``change``: joined, updated, activated, deactivated or removed. A removed contact's
    personal data may be erased (R-ROLE-18): only its id and state are sent."""
    def data() -> dict[str, Any]:
        removed = contact.removed_at is not None
        fields: dict[str, Any] = {
            "id": contact.pk,
            "is_active": contact.is_active,
            "removed": removed,
            "roles": sorted(role.value for role in contact.roles),
        }
        if not removed:
            user = contact.user
            fields |= {"email": user.email, "first_name": user.first_name,
                       "last_name": user.last_name, "job_title": contact.job_title}
        return {"change": change, "contact": fields}

    return emit(contact.organisation_id, EventType.CONTACT_CHANGED, data)
