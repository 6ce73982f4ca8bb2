"""What the role matrix (``accounts.permissions``) decides with: the four roles a contact may
hold and the kinds of organisation a rule may be limited to (SPEC §2). They live beside the
matrix so that it reads nothing of ``contacts``; ``contacts.models`` stores them (a boolean
column per role, see ``ROLE_FIELDS``, and the organisation's kind)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The four roles of SPEC §2; each is a boolean column on Contact (see ROLE_FIELDS)."""

    EMPLOYEE = "employee", _("Employee")
    ADMINISTRATOR = "administrator", _("Administrator")
    SUBMIT_INCIDENTS = "submit_incidents", _("Submit incidents")
    VIEW_INCIDENTS = "view_incidents", _("View incidents")


class OrganisationKind(models.TextChoices):
    CUSTOMER = "customer", _("Customer")
    PARTNER = "partner", _("Integration partner")
