"""Emails of the partners app, each in the recipient's language, as HTML and plain text.
They go through the outbox (``core.outbox``, R-X-8): written in the change's transaction,
relayed by a worker, swept again when the broker or a worker failed, one row per recipient."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.core.mail import EmailMessage
from django.urls import reverse

from contacts.models import Contact, Organisation
from core.mail import portal_url, templated_email
from core.outbox import enqueue, outbox_handler

from .models import Integration
from .rules import NOTICE_MONTHS

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
