"""Staff see the email channel in the admin (R-MAIL-1, R-MAIL-3): how an incident came in, the
emails received for it with their originals, and that the mailbox is not fetched when it is
not configured."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import override_settings

from incidents.inbound import receive_email
from incidents.models import InboundEmail, Incident
from tests.conftest import client_for
from tests.incidents.mail_helpers import SUPPORT, raw_email

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
NOT_FETCHED = "The support mailbox is not configured"


def _staff_client(cast):
    """Support in English (staff have no contact whose language the portal would follow)."""
    cast.staff.groups.add(Group.objects.get(name="Support"))
    client = client_for(cast.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def by_email(cast):
    with override_settings(INCIDENT_REPLY_ADDRESS=SUPPORT):
        receive_email(raw_email(sender="submitter@test.example", to=SUPPORT,
                                subject="Per mail", body="Graag hulp."))
    return Incident.objects.get()


def test_staff_see_the_channel_and_the_original_email__R_MAIL_1_R_MAIL_3(cast, by_email):
    client = _staff_client(cast)
    page = client.get(f"/admin/incidents/incident/{by_email.pk}/change/").content.decode()
    assert "Channel" in page and "Email" in page
    record = InboundEmail.objects.get()
    link = f"/admin/incidents/inboundemail/{record.pk}/original/"
    assert link in page
    download = client.get(link)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"From: submitter@test.example")
    assert client.get("/admin/incidents/inboundemail/").status_code == 200


def test_only_staff_who_may_see_received_emails_download_them__R_MAIL_1(cast, by_email):
    cast.staff.groups.add(Group.objects.get(name="Customer Care"))
    record = InboundEmail.objects.get()
    response = client_for(cast.staff).get(
        f"/admin/incidents/inboundemail/{record.pk}/original/")
    assert response.status_code == 403


@pytest.mark.parametrize("url, shown", [("", True), ("imaps://u:p@imap.example/INBOX", False)])
def test_staff_are_told_when_the_mailbox_is_not_fetched__R_MAIL_1(cast, url, shown):
    client = _staff_client(cast)
    with override_settings(INCIDENT_MAILBOX_URL=url):
        page = client.get("/admin/incidents/incident/").content.decode()
    assert (NOT_FETCHED in page) is shown
