"""State changes of single sign-on (R-SSO-1): staff configure an organisation's identity
provider; a first login of an unknown person of an organisation that opted in makes them a
contact without roles."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialApp
from auditlog.context import set_actor
from django.db import IntegrityError, transaction

from accounts.models import User
from accounts.permissions import require_staff
from contacts.models import Contact, Language, Organisation

from .emails import queue_new_contact_notices
from .models import PROVIDER, EmailDomain, SingleSignOn, provider_id_for
from .queries import domains_claimed_elsewhere, issuer_allowed


class SingleSignOnError(Exception):
    """A configuration the portal refuses, with a message for staff."""


class DomainClaimed(SingleSignOnError):
    def __init__(self, domains: list[str]) -> None:
        super().__init__(", ".join(domains))
        self.domains = domains


class IssuerRefused(SingleSignOnError):
    pass


@dataclass(frozen=True)
class ProviderSettings:
    """What staff enter for an organisation's provider. ``client_secret`` None keeps the
    secret stored (the admin never shows it again)."""

    issuer: str
    client_id: str
    client_secret: str | None
    domains: frozenset[str]
    is_enabled: bool = True
    allow_new_contacts: bool = False
    require_sso: bool = False


def configure_single_sign_on(*, actor: User, organisation: Organisation,
                             config: ProviderSettings) -> SingleSignOn:
    """Create or change the organisation's provider: its allauth app (provider_id
    ``org-<pk>``, PKCE on), its domains (each claimed by one organisation only) and its
    choices. Audited with the staff member as actor."""
    require_staff(actor, "sso.change_singlesignon")
    if not issuer_allowed(config.issuer):
        raise IssuerRefused(config.issuer)
    domains = {domain.strip().lower() for domain in config.domains if domain.strip()}
    with transaction.atomic(), set_actor(actor):
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        current = (SingleSignOn.objects.select_related("app")
                   .filter(organisation=organisation).first())
        claimed = domains_claimed_elsewhere(domains, single_sign_on=current)
        if claimed:
            raise DomainClaimed(claimed)
        app = current.app if current is not None else SocialApp(
            provider=PROVIDER, provider_id=provider_id_for(organisation))
        app.name = organisation.name[:40]
        app.client_id = config.client_id.strip()
        if config.client_secret is not None:
            app.secret = config.client_secret
        app.settings = {**(app.settings or {}), "server_url": config.issuer.rstrip("/"),
                        "oauth_pkce_enabled": True}
        app.save()
        single_sign_on = current or SingleSignOn(organisation=organisation, app=app)
        single_sign_on.is_enabled = config.is_enabled
        single_sign_on.allow_new_contacts = config.allow_new_contacts
        single_sign_on.require_sso = config.require_sso
        single_sign_on.save()
        single_sign_on.domains.exclude(domain__in=domains).delete()
        kept = set(single_sign_on.domains.values_list("domain", flat=True))
        try:
            with transaction.atomic():
                for domain in sorted(domains - kept):
                    EmailDomain.objects.create(single_sign_on=single_sign_on, domain=domain)
        except IntegrityError:  # another organisation claimed it at the same moment
            raise DomainClaimed(sorted(domains - kept)) from None
    return single_sign_on


def confirm_verified_email(*, user: User, email: str) -> None:
    """The identity provider vouched for the address (``email_verified``): allauth's record
    of it says so too, so the login is not held for an email confirmation."""
    updated = EmailAddress.objects.filter(user=user, email__iexact=email).update(verified=True)
    if not updated:
        EmailAddress.objects.create(user=user, email=email, verified=True,
                                    primary=not EmailAddress.objects.filter(user=user).exists())


class AlreadyKnown(SingleSignOnError):
    """The address got a login meanwhile (two first logins at once)."""


def add_contact_from_sso(*, single_sign_on: SingleSignOn, email: str, first_name: str,
                         last_name: str, language: str) -> Contact:
    """An unknown person's first login with the provider of an organisation that opted in:
    a login without a password and a contact WITHOUT roles (so no submitter seat, R-QUOTA-1);
    the organisation's active administrators are emailed through the outbox."""
    organisation = single_sign_on.organisation
    email = email.strip().lower()
    if language not in Language.values:
        language = Language.DUTCH
    try:
        with transaction.atomic(), set_actor(None):
            Organisation.objects.select_for_update().get(pk=organisation.pk)
            user = User.objects.create_user(email=email, password=None,
                                            first_name=first_name[:150],
                                            last_name=last_name[:150])
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
            contact = Contact.objects.create(user=user, organisation=organisation,
                                             language=language)
            queue_new_contact_notices(contact)
    except IntegrityError:
        raise AlreadyKnown(email) from None
    return contact
