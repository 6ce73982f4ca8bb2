"""The knowledge base for every contact: the list with categories and search, an article,
the suggestions shown while an incident's subject is typed, "this answers my question", and
the Help Center's live list of registered integrations (R-INC-2, R-PART-6, R-ROLE-1, R-X-2/3).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import Capability, requires
from contacts.middleware import ContactRequest
from partners.queries import listed_integrations

from . import actions, queries
from .markdown import render_markdown

ARTICLES_PER_PAGE = 10
INTEGRATIONS_PER_PAGE = 50
# A search box keeps at most this much of what was typed (bad input stays cheap).
MAX_QUERY_LENGTH = 200


def _clean(value: object) -> str:
    """One line of at most MAX_QUERY_LENGTH characters, without NUL (PostgreSQL refuses it)."""
    return " ".join(str(value or "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]


def _text(request: HttpRequest, name: str) -> str:
    return _clean(request.GET.get(name))


@requires(Capability.KNOWLEDGE_BASE)
def article_list(request: ContactRequest) -> HttpResponse:
    """Categories, search and the articles, paginated."""
    contact, language = request.portal.contact, request.LANGUAGE_CODE
    text = _text(request, "q")
    category = queries.category_by_slug(request.GET.get("category"))
    articles = queries.article_list(contact, language=language, text=text, category=category)
    return render(request, "knowledge/list.html", {
        "q": text,
        "category": category,
        "categories": queries.categories_for(contact, language=language),
        "page": Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page")),
    })


@requires(Capability.KNOWLEDGE_BASE)
def article_detail(request: ContactRequest, slug: str) -> HttpResponse:
    """One article; opened from a suggestion (``?subject=``) it offers "this answers my
    question"."""
    article = queries.get_article_for(request.portal.contact, slug)
    return render(request, "knowledge/detail.html", {
        "article": article,
        "body": render_markdown(article.body),
        "subject": _text(request, "subject"),
        "other_version": queries.other_language_version(article),
    })


@requires(Capability.KNOWLEDGE_BASE)
def suggest(request: ContactRequest) -> HttpResponse:
    """A partial (no layout) with up to five articles matching ``?subject=``; empty for a
    subject under three characters (R-INC-2). The incident form loads it with htmx."""
    subject = _text(request, "subject")
    return render(request, "knowledge/_suggestions.html", {
        "subject": subject,
        "suggestions": queries.suggestions_for(request.portal.contact, subject=subject,
                                               language=request.LANGUAGE_CODE),
    })


@requires(Capability.KNOWLEDGE_BASE)
def registered_integrations(request: ContactRequest) -> HttpResponse:
    """The Help Center's "Registered integrations" (R-PART-6, seed 004): the partners' register
    read live from the same query as the public partner page, never a copy. The Help Center
    reads the partners app; the partners app knows nothing of the Help Center (a contract in
    pyproject.toml keeps it so)."""
    integrations = listed_integrations()
    page = Paginator(integrations, INTEGRATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "knowledge/registered_integrations.html", {"page": page})


@require_POST
@requires(Capability.KNOWLEDGE_BASE)
def answered(request: ContactRequest, slug: str) -> HttpResponse:
    """The article answered the contact's question: a deflection instead of an incident."""
    article = queries.get_article_for(request.portal.contact, slug)
    subject = _clean(request.POST.get("subject"))
    actions.record_deflection(contact=request.portal.contact, article=article, subject=subject)
    messages.success(request, _("Good to hear that “%(title)s” answered your question. You "
                                "do not need to submit an incident.") % {"title": article.title})
    return redirect("knowledge_article", slug=article.slug)
