"""Events from the existing actions (R-HOOK-1): written in the change's transaction, one
delivery per enabled endpoint subscribed to the type, only public data of the organisation's
own objects, never an internal note (R-INC-8), and one query when nobody listens."""

from __future__ import annotations

import json

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from contacts.actions import ContactChanges, remove_contact, set_contact_active, update_contact
from incidents import actions
from incidents.models import Status
from webhooks.events import emit
from webhooks.models import Delivery, Event, EventType
from tests.incidents.factories import make_incident, support_user
from tests.webhooks.factories import make_endpoint

pytestmark = pytest.mark.django_db

NOTE = "INTERNE NOTITIE: klant is lastig"


def _types(organisation) -> list[str]:
    return list(Event.objects.filter(organisation=organisation).order_by("pk")
                .values_list("type", flat=True))


def test_incident_actions_emit_their_events_and_never_an_internal_note__R_HOOK_1_R_INC_8(cast):
    endpoint = make_endpoint(cast.organisation)
    staff = support_user(cast.staff)
    incident = make_incident(cast.submitter)
    actions.add_internal_note(incident=incident, body=NOTE, actor=staff)
    actions.reply_as_staff(incident=incident, body="Kun je het opnieuw proberen?", actor=staff)
    actions.change_status(incident=incident, status=Status.WAITING, actor=staff)
    actions.reply(contact=cast.submitter, incident=incident, body="Werkt nog steeds niet")
    actions.reply_as_staff(incident=incident, body="Opgelost.", actor=staff,
                           status=Status.RESOLVED)
    assert _types(cast.organisation) == [
        "incident.created", "incident.staff_replied", "incident.status_changed",
        "incident.status_changed",  # the customer's reply moved it back to in progress
        "incident.status_changed", "incident.staff_replied"]
    assert Delivery.objects.filter(endpoint=endpoint).count() == 6
    for event in Event.objects.all():
        text = json.dumps(event.payload, ensure_ascii=False)
        assert NOTE not in text and "klant is lastig" not in text
        assert event.payload["data"]["incident"]["number"] == incident.number
        assert "sanne" not in text.lower()  # no staff names
    created = Event.objects.get(type=EventType.INCIDENT_CREATED).payload
    assert created["type"] == "incident.created" and created["data"]["incident"]["status"] == (
        "submitted")
    change = Event.objects.filter(type=EventType.INCIDENT_STATUS_CHANGED).order_by("pk")[0].payload
    assert change["data"]["change"]["from"] in ("submitted", "in_progress")
    assert change["data"]["change"]["to"] == "waiting"
    reply = Event.objects.filter(type=EventType.INCIDENT_STAFF_REPLIED).order_by("pk")[0].payload
    assert reply["data"]["message"]["body"] == "Kun je het opnieuw proberen?"


def test_another_organisations_endpoint_hears_nothing__R_HOOK_1(cast):
    theirs = make_endpoint(cast.other_organisation)
    ours = make_endpoint(cast.organisation)
    make_incident(cast.submitter)
    update_contact(actor=cast.administrator, contact=cast.employee, changes=ContactChanges(
        roles=frozenset({Role.EMPLOYEE, Role.VIEW_INCIDENTS}), submission_profile=""))
    assert not Delivery.objects.filter(endpoint=theirs).exists()
    assert Delivery.objects.filter(endpoint=ours).count() == 2
    assert not Event.objects.filter(organisation=cast.other_organisation).exists()
    for event in Event.objects.all():
        text = json.dumps(event.payload)
        assert "Andere BV" not in text and "admin@other.example" not in text


def test_only_subscribed_enabled_endpoints_get_a_delivery__R_HOOK_1(cast):
    contacts_only = make_endpoint(cast.organisation, events=[EventType.CONTACT_CHANGED])
    disabled = make_endpoint(cast.organisation, enabled=False)
    incidents = make_endpoint(cast.organisation, events=[EventType.INCIDENT_CREATED])
    make_incident(cast.submitter)
    assert list(Delivery.objects.values_list("endpoint", flat=True)) == [incidents.pk]
    set_contact_active(actor=cast.administrator, contact=cast.employee, active=False)
    assert set(Delivery.objects.values_list("endpoint", flat=True)) == {incidents.pk,
                                                                         contacts_only.pk}
    assert not Delivery.objects.filter(endpoint=disabled).exists()


def test_contact_changes_are_events_with_public_fields__R_HOOK_1(cast):
    make_endpoint(cast.organisation)
    update_contact(actor=cast.administrator, contact=cast.employee, changes=ContactChanges(
        roles=frozenset({Role.EMPLOYEE, Role.VIEW_INCIDENTS}), submission_profile="",
        job_title="Controller"))
    set_contact_active(actor=cast.administrator, contact=cast.employee, active=False)
    remove_contact(actor=cast.administrator, contact=cast.viewer)
    payloads = [event.payload["data"] for event in Event.objects.order_by("pk")]
    assert [data["change"] for data in payloads] == ["updated", "deactivated", "removed"]
    updated = payloads[0]["contact"]
    assert updated["roles"] == ["employee", "view_incidents"]
    assert updated["email"] == "employee@test.example" and updated["job_title"] == "Controller"
    assert set(updated) == {"id", "is_active", "removed", "roles", "email", "first_name",
                            "last_name", "job_title"}
    # A removed contact's personal data may be erased (R-ROLE-18): only id and state.
    assert payloads[2]["contact"] == {"id": cast.viewer.pk, "is_active": False,
                                      "removed": True, "roles": []}


def test_an_event_rolls_back_with_its_change__R_HOOK_1(cast):
    make_endpoint(cast.organisation)
    with pytest.raises(RuntimeError), transaction.atomic():
        make_incident(cast.submitter)
        raise RuntimeError("the change fails after the event was written")
    assert not Event.objects.exists() and not Delivery.objects.exists()


def test_an_organisation_without_endpoints_costs_one_query__R_HOOK_1_R_X_3(cast):
    with CaptureQueriesContext(connection) as queries:
        assert emit(cast.organisation, EventType.CONTACT_CHANGED, lambda: 1 / 0) is None
    assert len(queries) == 1
    make_endpoint(cast.organisation, events=[EventType.INCIDENT_CREATED])
    with CaptureQueriesContext(connection) as queries:
        assert emit(cast.organisation.pk, EventType.CONTACT_CHANGED, lambda: 1 / 0) is None
    assert len(queries) == 1


def test_a_staff_reply_event_refuses_an_internal_note__R_INC_8():
    from incidents.models import Incident, Message, MessageKind
    from webhooks.events import emit_staff_replied

    with pytest.raises(ValueError):
        emit_staff_replied(Incident(organisation_id=1), Message(kind=MessageKind.INTERNAL))
