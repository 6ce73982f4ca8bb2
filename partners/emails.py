"""Emails of the partners app, each in the recipient's language, as HTML and plain text.
They go through the outbox (``core.outbox``, R-X-8): written in the change's transaction,
relayed by a worker, swept again when the broker or a worker failed, one row per recipient."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from accounts.models import User
from contacts.models import Contact, Organisation
from core.mail import portal_url, templated_email
from core.outbox import enqueue, enqueue_many, outbox_handler

from .models import Integration, IntegrationStatus, Question
from .rules import NOTICE_MONTHS
# The staff group that hears of a partner's notice (R-PART-8).
PARTNER_MANAGEMENT = "Partner management"

# (organisation id, [integration ids]) pairs: JSON has no integer keys.
Lapsed = list[tuple[int, list[int]]]


def queue_certification_lapsed(changed: dict[int, set[int]], *, today: dt.date) -> None:
    """In the nightly check's transaction: tell each partner which of its integrations left
    the partner page (R-PART-3). One outbox row for the whole run, so the set-based check
    writes a fixed number of rows whatever the number of partners; relaying it writes the row
    per recipient. The key is the run's day and changes: a second run that changed other
    integrations the same day, or the same integrations lapsing again a year later, queues
    its own emails."""
    if not changed:
        return
    lapsed: Lapsed = [(organisation_id, sorted(pks))
                      for organisation_id, pks in sorted(changed.items())]
    digest = hashlib.sha256(json.dumps([today.isoformat(), lapsed]).encode()).hexdigest()[:24]
    enqueue(certification_lapsed_fan_out, key=f"partners-lapsed-{digest}", lapsed=lapsed,
            run=digest)


@outbox_handler
def certification_lapsed_fan_out(*, lapsed: Lapsed, run: str) -> None:
    """One row per active contact (with an active login) of each partner in ``lapsed``."""
    by_organisation = {organisation_id: pks for organisation_id, pks in lapsed}
    contacts = (Contact.objects.filter(organisation_id__in=list(by_organisation),
                                       is_active=True, user__is_active=True)
                .order_by("organisation_id", "user__email").values_list("pk", "organisation_id"))
    for contact_id, organisation_id in contacts:
        enqueue(certification_lapsed, key=f"partners-lapsed-{run}-{contact_id}",
                organisation=organisation_id, integrations=by_organisation[organisation_id],
                to=contact_id)


@outbox_handler
def certification_lapsed(*, organisation: int, integrations: list[int],
                         to: int) -> list[EmailMessage]:
    """R-PART-3: which integrations left the partner page for a missing quickscan, and what
    the notice means; nothing when the contact has left since."""
    contact = (Contact.objects.select_related("user")
               .filter(pk=to, organisation_id=organisation, is_active=True,
                       user__is_active=True).first())
    if contact is None:
        return []
    partner = Organisation.objects.get(pk=organisation)
    context = {"organisation": partner,
               "integrations": list(Integration.objects.filter(
                   organisation=partner, pk__in=integrations).order_by("name")),
               "notice_months": NOTICE_MONTHS, "link": portal_url(reverse("partner"))}
    return [templated_email("partners/email/certification_lapsed", to=contact.user.email,
                            language=contact.language, context=context)]


def _partner_contact(pk: int, organisation: int | None = None) -> Contact | None:
    """The contact, still active with an active login (and of ``organisation``), or None."""
    contacts = Contact.objects.select_related("user").filter(
        pk=pk, is_active=True, user__is_active=True, removed_at__isnull=True)
    if organisation is not None:
        contacts = contacts.filter(organisation_id=organisation)
    return contacts.exclude(user__email="").first()


# R-PART-7 ------------------------------------------------------------------------------

Reminder = tuple[int, dt.date, int]  # integration id, due date, days before


def queue_scan_reminders(reminders: list[Reminder]) -> None:
    """In the nightly check's transaction: one outbox row per reminder and active contact of
    the partner. The key names integration, due date, step and contact, so a rerun or a
    second check at the same time never emails twice. Two queries and the outbox's few per
    thousand rows, whatever the number of reminders."""
    if not reminders:
        return
    organisations = dict(Integration.objects.filter(
        pk__in=[pk for pk, _due, _step in reminders]).values_list("pk", "organisation_id"))
    contacts: dict[int, list[int]] = {}
    for contact_id, organisation_id in (
            Contact.objects.filter(organisation_id__in=set(organisations.values()),
                                   is_active=True, user__is_active=True)
            .order_by("organisation_id", "pk").values_list("pk", "organisation_id")):
        contacts.setdefault(organisation_id, []).append(contact_id)
    enqueue_many(scan_reminder, [
        (f"partners-reminder-{pk}-{due_on.isoformat()}-{step}-{contact_id}",
         {"integration": pk, "due_on": due_on.isoformat(), "days_before": step,
          "to": contact_id})
        for pk, due_on, step in reminders
        for contact_id in contacts.get(organisations[pk], [])])


@outbox_handler
def scan_reminder(*, integration: int, due_on: str, days_before: int,
                  to: int) -> list[EmailMessage]:
    """R-PART-7: the quickscan of an integration is due in ``days_before`` days; nothing when
    a scan moved the due date since, the agreement ended or the contact has left."""
    item = (Integration.objects.select_related("organisation").filter(pk=integration)
            .exclude(status=IntegrationStatus.TERMINATED).first())
    if item is None or item.next_scan_due.isoformat() != due_on:
        return []
    contact = _partner_contact(to, item.organisation_id)
    if contact is None:
        return []
    context = {"integration": item, "days_before": days_before, "due_on": item.next_scan_due,
               "notice_months": NOTICE_MONTHS, "link": portal_url(reverse("partner"))}
    return [templated_email("partners/email/scan_reminder", to=contact.user.email,
                            language=contact.language, context=context)]


# R-PART-8 ------------------------------------------------------------------------------


def queue_notice_by_partner(integration: Integration, *, contact: Contact) -> None:
    """In the notice's transaction: one row per active member of Partner management."""
    staff = (User.objects.filter(is_staff=True, is_active=True, groups__name=PARTNER_MANAGEMENT)
             .exclude(email="").order_by("pk").distinct().values_list("pk", flat=True))
    for user_id in staff:
        enqueue(notice_by_partner,
                key=f"partners-notice-{integration.pk}-{integration.ended_on}-{user_id}",
                integration=integration.pk, contact=contact.pk, to=user_id)


@outbox_handler
def notice_by_partner(*, integration: int, contact: int, to: int) -> list[EmailMessage]:
    """A partner gave notice on an integration, to one partner manager (in the desk's
    language, Dutch by default), with a link to the integration in the admin."""
    email = (User.objects.filter(pk=to, is_staff=True, is_active=True).exclude(email="")
             .values_list("email", flat=True).first())
    if email is None:
        return []
    item = Integration.objects.select_related("organisation").get(pk=integration)
    given_by = Contact.objects.select_related("user").filter(pk=contact).first()
    link = portal_url(reverse("admin:partners_integration_change", args=[item.pk]))
    return [templated_email("partners/email/notice_by_partner", to=email,
                            language=settings.LANGUAGE_CODE,
                            context={"integration": item, "given_by": given_by, "link": link})]


# R-PART-9 ------------------------------------------------------------------------------


def queue_question_answered(question: Question) -> None:
    """In the answer's transaction: the answer to the contact who asked, once (a question is
    answered once, and the key is the question's)."""
    enqueue(question_answered, key=f"partners-answer-{question.pk}", question=question.pk)


@outbox_handler
def question_answered(*, question: int) -> list[EmailMessage]:
    """R-PART-9: the answer of the partner managers, to the asker in their language; nothing
    when the asker has left since (the answer stays in the partner portal)."""
    item = Question.objects.select_related("organisation").get(pk=question)
    if item.asked_by_id is None:
        return []
    contact = _partner_contact(item.asked_by_id, item.organisation_id)
    if contact is None:
        return []
    return [templated_email("partners/email/question_answered", to=contact.user.email,
                            language=contact.language,
                            context={"question": item, "contact": contact,
                                     "link": portal_url(reverse("partner"))})]
