"""Emails rendered from templates in the recipient's language: ``<template>_subject.txt``,
``<template>_body.txt`` and, when it exists, ``<template>_body.html``."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def templated_email(template: str, *, to: str, language: str, context: dict,
                    headers: dict[str, str] | None = None) -> EmailMultiAlternatives:
    """One email to ``to``, rendered in ``language`` (not sent)."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
        try:
            html = render_to_string(f"{template}_body.html", context)
        except TemplateDoesNotExist:
            html = None
    email = EmailMultiAlternatives(subject=subject, body=body, to=[to], headers=headers or {})
    if html is not None:
        email.attach_alternative(html, "text/html")
    return email
