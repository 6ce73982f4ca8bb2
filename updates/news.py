"""Release news by email (R-UPD-4): who gets it, the batches a worker sends, and the signed
unsubscribe link that works without logging in.

Nothing here depends on the broker being up (R-X-8). Publishing writes one outbox row for the
release in its transaction (``core.outbox``); relaying that row writes a
``ReleaseNotification`` per recipient (the per-recipient record of what was sent) and one
outbox row per batch of ``UPDATES_NEWS_BATCH_SIZE`` recipients, in one transaction. A batch
row whose task is lost (broker down, worker killed) is published again by the outbox sweep;
two workers on one batch wait for each other on its row lock. A batch is sent over one
connection, each notification marked sent right after the mail server accepted it, in the
batch row's transaction:

- a send that fails after others went out ends the row and queues the rest as a new batch
  row, so the retry does not send the others again; a first send that fails raises, and the
  outbox retries the row with back-off;
- a worker killed mid-batch rolls the marks back and the batch is sent again: every email has
  a Message-ID fixed by (release, contact), so a mail system can drop those duplicates;
- an address the mail server refuses for good (5xx) is skipped, with a warning, so it cannot
  hold up the rest of its batch.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import ROLE_MATRIX, Capability, can
from contacts.models import ROLE_FIELDS, Contact
from core import unsubscribe
from core.mail import portal_url, templated_email
from core.outbox import MESSAGE_ID_DOMAIN, enqueue, outbox_handler

from .models import Release, ReleaseNotification

logger = logging.getLogger(__name__)

RELEASE_NEWS, APPLICATION_MANAGEMENT = "release_news", "application_management"
# The preference each kind of link switches off.
PURPOSE_FIELDS = {RELEASE_NEWS: "release_news", APPLICATION_MANAGEMENT: "application_management"}
UNSUBSCRIBE_SALT = "updates.unsubscribe"


def may_open_update_center() -> Q:
    """R-ROLE-4 as a filter on contacts, read from the role matrix (so it cannot drift from
    ``can``): an active contact holding a role that grants the Update Center, whose login and
    organisation are active."""
    rule = ROLE_MATRIX[Capability.UPDATES]
    holds = Q()
    for role in rule.roles or ():  # None would be every contact: no role condition
        holds |= Q(**{ROLE_FIELDS[role]: True})
    if rule.organisation_kind is not None:
        holds &= Q(organisation__kind=rule.organisation_kind)
    return holds & Q(is_active=True, user__is_active=True, organisation__is_active=True)


def recipients(release: Release) -> QuerySet[Contact]:
    """Contacts who may open the Update Center (R-ROLE-4) and opted in to release news; for
    an important release also those of them who do application management. A contact in
    both groups is one row."""
    wanted = Q(release_news=True)
    if release.is_important:
        wanted |= Q(application_management=True)
    return Contact.objects.filter(wanted, may_open_update_center())


def _chunks(ids: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _queue_batch(release_id: int, contact_ids: list[int]) -> None:
    # The key names the batch by its first and last contact: the rest of a failed batch
    # starts later than that batch, so its key is new.
    enqueue(release_news_batch, key=f"release-news-{release_id}-{contact_ids[0]}-"
            f"{contact_ids[-1]}", release=release_id, contacts=contact_ids)


def queue_release_news(release: Release) -> None:
    """In the publishing transaction: the release's news is to be sent (R-UPD-4, R-X-8)."""
    enqueue(release_news, key=f"release-news-{release.pk}", release=release.pk)


@outbox_handler
def release_news(*, release: int) -> list[EmailMultiAlternatives] | None:
    """Write one notification row per recipient (the unique pair ignores anyone already
    there) and one outbox row per batch of contacts still waiting; the outbox relays those.
    ``[]`` (nothing to send) for a release that is not published."""
    item = Release.objects.get(pk=release)
    if not item.is_published:
        return []
    # One email per person: a user who is a contact of several organisations is told once,
    # through their first contact (R-UPD-4), also when this runs again.
    told = set(ReleaseNotification.objects.filter(release=item)
               .values_list("contact__user_id", flat=True))
    ids = []
    for pk, user_id in recipients(item).order_by("pk").values_list("pk", "user_id"):
        if user_id not in told:
            told.add(user_id)
            ids.append(pk)
    ReleaseNotification.objects.bulk_create(
        [ReleaseNotification(release=item, contact_id=pk) for pk in ids],
        ignore_conflicts=True, batch_size=1000)
    waiting = list(ReleaseNotification.objects.filter(release=item, sent_at__isnull=True)
                   .order_by("contact_id").values_list("contact_id", flat=True))
    for chunk in _chunks(waiting, settings.UPDATES_NEWS_BATCH_SIZE):
        _queue_batch(item.pk, chunk)
    return None


@outbox_handler
def release_news_batch(*, release: int, contacts: list[int]) -> None:
    """Email one batch of recipients about a release (see the module's docstring)."""
    send_release_news_batch(release, contacts)


def unsubscribe_token(*, contact_id: int, purpose: str) -> str:
    """A signed token naming the contact and the preference to switch off (``core.
    unsubscribe``)."""
    return unsubscribe.sign(salt=UNSUBSCRIBE_SALT, key="purpose", contact_id=contact_id,
                            choice=purpose)


def read_unsubscribe_token(token: str) -> tuple[Contact, str]:
    """The contact and purpose of a token; InvalidUnsubscribeLink when it was altered or its
    contact is gone."""
    contact_id, purpose = unsubscribe.read(token, salt=UNSUBSCRIBE_SALT, key="purpose",
                                           choices=PURPOSE_FIELDS)
    contact = (Contact.objects.select_related("user", "organisation")
               .filter(pk=contact_id).first())
    if contact is None:
        raise unsubscribe.InvalidUnsubscribeLink
    return contact, purpose


def _message(release: Release, contact: Contact, notes_html: str,
             connection) -> EmailMultiAlternatives:
    notes_text, _language = release.notes_in(contact.language)
    purpose = RELEASE_NEWS if contact.release_news else APPLICATION_MANAGEMENT
    unsubscribe_link = portal_url(reverse("updates_unsubscribe", args=[
        unsubscribe_token(contact_id=contact.pk, purpose=purpose)]))
    context = {
        "release": release, "contact": contact, "notes_html": notes_html,
        "notes_text": notes_text,
        "purpose": purpose, "unsubscribe": unsubscribe_link,
        "link": (portal_url(reverse("release", args=[release.pk]))
                 if can(contact, Capability.UPDATES) else None),
    }
    return templated_email(
        "updates/email/release_news", to=contact.user.email, language=contact.language,
        context=context, connection=connection,
        headers={"List-Unsubscribe": f"<{unsubscribe_link}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                 "Message-ID": f"<release-news.{release.pk}.{contact.pk}@{MESSAGE_ID_DOMAIN}>"})


def _refused_for_good(error: Exception) -> bool:
    """The mail server refused every recipient with a permanent (5xx) answer."""
    return (isinstance(error, smtplib.SMTPRecipientsRefused) and bool(error.recipients)
            and all(code >= 500 for code, _text in error.recipients.values()))


def send_release_news_batch(release_id: int, contact_ids: list[int]) -> int:
    """Email one batch over one connection, each contact in their own language, and mark
    each notification sent right after its email was accepted. Runs in the batch's outbox
    transaction; the notifications are locked, so a batch that overlaps another waits for
    it and then skips what it sent. Returns the number sent."""
    release = Release.objects.get(pk=release_id)
    contacts = {contact.pk: contact for contact in
                recipients(release).filter(pk__in=contact_ids).select_related("user")}
    waiting = list(ReleaseNotification.objects.select_for_update().filter(
        release=release, contact_id__in=list(contacts), sent_at__isnull=True)
        .order_by("contact_id"))
    # Each recipient reads the notes in their language where there is a version in it.
    notes_html = {language: release.notes_html_in(language)[0] for language in ("nl", "en")}
    sent = 0
    with get_connection() as connection:
        for index, notification in enumerate(waiting):
            try:
                contact = contacts[notification.contact_id]
                _message(release, contact, notes_html[release.notes_in(contact.language)[1]],
                         connection).send()
            except Exception as error:
                if _refused_for_good(error):
                    logger.warning("Release news %s: the mail server refused contact %s for "
                                   "good; not retried.", release.pk, notification.contact_id)
                    continue
                if not sent:
                    raise  # nothing went out: the outbox retries this row with back-off
                rest = [later.contact_id for later in waiting[index:]]
                logger.warning("Release news %s: sending failed after %s emails; the other "
                               "%s are queued again.", release.pk, sent, len(rest),
                               exc_info=True)
                _queue_batch(release.pk, rest)
                return sent
            ReleaseNotification.objects.filter(pk=notification.pk).update(
                sent_at=timezone.now())
            sent += 1
    return sent
