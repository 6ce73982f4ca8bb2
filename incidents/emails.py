"""The reporter's emails about their incident (R-INC-7): HTML and text, in their language,
exactly one per status change or public reply.

Exactly once: each change has one ``OutgoingEmail`` row (unique key). Sending locks that row
(SELECT … FOR UPDATE), skips it when ``sent_at`` is set, sends, and sets ``sent_at`` in the
same transaction. A worker that dies before the SMTP server accepted the message rolls the
transaction back, and the retried task (acks_late) sends it; a worker that dies after the
commit but before acknowledging the task finds ``sent_at`` set on the retry and sends
nothing; two workers running the same task wait for each other on the lock. The one window
left is a crash between the SMTP server's "250 OK" and the COMMIT; the deterministic
Message-ID lets a mail system drop that duplicate.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from contacts.emails import portal_url

from .models import OutgoingEmail

# Rows older than this without ``sent_at`` are queued again by the beat task.
REQUEUE_AFTER = dt.timedelta(minutes=10)
_NOT_IN_ID = re.compile(r"[^A-Za-z0-9.-]")


def _render(outgoing: OutgoingEmail) -> EmailMultiAlternatives:
    incident = outgoing.incident
    reporter = incident.reporter
    context = {
        "incident": incident,
        "change": outgoing.status_change,
        "message": outgoing.message,
        "contact": reporter,
        "link": portal_url(reverse("incident_detail", args=[incident.number])),
    }
    template = "incidents/email/reply" if outgoing.message_id else "incidents/email/status"
    with translation.override(reporter.language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}_body.txt", context)
        html = render_to_string(f"{template}_body.html", context)
    email = EmailMultiAlternatives(
        subject=subject, body=text, to=[reporter.user.email],
        headers={"Message-ID": f"<{_NOT_IN_ID.sub('-', outgoing.key)}.{outgoing.pk}"
                               f"@incidents.klantportal>"})
    email.attach_alternative(html, "text/html")
    return email


def send_outgoing(outgoing_id: int) -> int:
    """Send the row's email unless already sent; 1 when sent now, else 0."""
    with transaction.atomic():
        outgoing = (OutgoingEmail.objects.select_for_update(of=("self",))
                    .select_related("incident__reporter__user", "status_change", "message")
                    .filter(pk=outgoing_id).first())
        if outgoing is None or outgoing.sent_at is not None:
            return 0
        email = _render(outgoing)
        sent = email.send()
        outgoing.sent_at, outgoing.to = timezone.now(), email.to[0]
        outgoing.save(update_fields=["sent_at", "to"])
    return sent


def requeue_pending(now: dt.datetime | None = None) -> int:
    """Queue the task again for rows still unsent after ``REQUEUE_AFTER``."""
    from .tasks import send_incident_email

    cutoff = (now or timezone.now()) - REQUEUE_AFTER
    ids = list(OutgoingEmail.objects.filter(sent_at__isnull=True, created_at__lt=cutoff)
               .values_list("pk", flat=True)[:500])
    for outgoing_id in ids:
        send_incident_email.delay(outgoing_id)
    return len(ids)
