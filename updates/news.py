"""Release news by email (R-UPD-4): who gets it, the batches a worker sends, and the signed
unsubscribe link that works without logging in."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.permissions import Capability, can
from contacts.emails import portal_url
from contacts.models import Contact

from .models import Release, ReleaseNotification
from .notes import render_notes


RELEASE_NEWS, APPLICATION_MANAGEMENT = "release_news", "application_management"
# The preference each kind of link switches off.
PURPOSE_FIELDS = {RELEASE_NEWS: "release_news", APPLICATION_MANAGEMENT: "application_management"}
UNSUBSCRIBE_SALT = "updates.unsubscribe"


def recipients(release: Release) -> QuerySet[Contact]:
    """Active contacts (active login, active organisation) who opted in to release news; for
    an important release also everyone who does application management. A contact in both
    groups is one row. Roles do not matter: the email itself carries the news."""
    wanted = Q(release_news=True)
    if release.is_important:
        wanted |= Q(application_management=True)
    return Contact.objects.filter(wanted, is_active=True, user__is_active=True,
                                  organisation__is_active=True)


def _chunks(ids: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def queue_release_news(release_id: int) -> int:
    """Write one notification row per recipient (the unique pair ignores anyone already
    there) and queue a send task per batch of contacts still waiting. Returns the number of
    batches queued."""
    from .tasks import send_release_news_batch

    release = Release.objects.get(pk=release_id)
    if not release.is_published:
        return 0
    # One email per person: a user who is a contact of several organisations is told once,
    # through their first contact (R-UPD-4), also when this runs again.
    told = set(ReleaseNotification.objects.filter(release=release)
               .values_list("contact__user_id", flat=True))
    ids = []
    for pk, user_id in recipients(release).order_by("pk").values_list("pk", "user_id"):
        if user_id not in told:
            told.add(user_id)
            ids.append(pk)
    ReleaseNotification.objects.bulk_create(
        [ReleaseNotification(release=release, contact_id=pk) for pk in ids],
        ignore_conflicts=True, batch_size=1000)
    waiting = list(ReleaseNotification.objects.filter(release=release, sent_at__isnull=True)
                   .order_by("contact_id").values_list("contact_id", flat=True))
    batches = 0
    for chunk in _chunks(waiting, settings.UPDATES_NEWS_BATCH_SIZE):
        send_release_news_batch.delay(release.pk, chunk)
        batches += 1
    return batches


def unsubscribe_token(*, contact_id: int, purpose: str) -> str:
    """A signed token naming the contact and the preference to switch off. It does not
    expire: an unsubscribe link must keep working for as long as the email is kept."""
    return signing.dumps({"contact": contact_id, "purpose": purpose}, salt=UNSUBSCRIBE_SALT)


class InvalidUnsubscribeLink(Exception):
    pass


def read_unsubscribe_token(token: str) -> tuple[Contact, str]:
    """The contact and purpose of a token; InvalidUnsubscribeLink when it was altered or its
    contact is gone."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        contact_id, purpose = int(payload["contact"]), payload["purpose"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise InvalidUnsubscribeLink from None
    if purpose not in PURPOSE_FIELDS:
        raise InvalidUnsubscribeLink
    contact = (Contact.objects.select_related("user", "organisation")
               .filter(pk=contact_id).first())
    if contact is None:
        raise InvalidUnsubscribeLink
    return contact, purpose


def _message(release: Release, contact: Contact, notes_html: str,
             connection) -> EmailMultiAlternatives:
    purpose = RELEASE_NEWS if contact.release_news else APPLICATION_MANAGEMENT
    unsubscribe = portal_url(reverse("updates_unsubscribe", args=[
        unsubscribe_token(contact_id=contact.pk, purpose=purpose)]))
    context = {
        "release": release, "contact": contact, "notes_html": notes_html,
        "purpose": purpose, "unsubscribe": unsubscribe,
        "link": (portal_url(reverse("release", args=[release.pk]))
                 if can(contact, Capability.UPDATES) else None),
    }
    with translation.override(contact.language):
        subject = " ".join(render_to_string("updates/email/release_news_subject.txt",
                                            context).split())
        text = render_to_string("updates/email/release_news_body.txt", context)
        html = render_to_string("updates/email/release_news_body.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[contact.user.email], connection=connection,
        headers={"List-Unsubscribe": f"<{unsubscribe}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
    message.attach_alternative(html, "text/html")
    return message


def send_release_news_batch(release_id: int, contact_ids: list[int]) -> int:
    """Email one batch, each contact in their own language. Every row is claimed before its
    email goes out, so two workers (or a retried task) never send one twice; a failed send
    gives the claim back and raises, so the retry sends it. Returns the number sent."""
    release = Release.objects.get(pk=release_id)
    contacts = {contact.pk: contact for contact in
                recipients(release).filter(pk__in=contact_ids).select_related("user")}
    waiting = list(ReleaseNotification.objects.filter(
        release=release, contact_id__in=list(contacts), sent_at__isnull=True).order_by("pk"))
    notes_html = render_notes(release.notes)
    sent = 0
    with get_connection() as connection:
        for notification in waiting:
            claimed = ReleaseNotification.objects.filter(
                pk=notification.pk, sent_at__isnull=True).update(sent_at=timezone.now())
            if not claimed:
                continue
            try:
                _message(release, contacts[notification.contact_id], notes_html,
                         connection).send()
            except Exception:
                ReleaseNotification.objects.filter(pk=notification.pk).update(sent_at=None)
                raise
            sent += 1
    return sent
