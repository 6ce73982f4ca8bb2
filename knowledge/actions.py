"""Saving articles (with their search index) and recording deflections (R-INC-2)."""

from __future__ import annotations

import operator
from functools import reduce

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models.expressions import CombinedExpression
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Capability, CapabilityDenied, can, require_staff
from contacts.models import Contact

from .models import Article, ArticleLanguage, Deflection

# PostgreSQL text-search configuration per article language; an article in both languages
# is indexed with both, so Dutch and English words find it.
SEARCH_CONFIGS: dict[str, tuple[str, ...]] = {
    ArticleLanguage.DUTCH: ("dutch",),
    ArticleLanguage.ENGLISH: ("english",),
    ArticleLanguage.BOTH: ("dutch", "english"),
}
SUBJECT_MAX_LENGTH = 200


def _search_vector(language: str) -> CombinedExpression:
    """Title weighs most, then the summary, then the text; in each configuration."""
    return reduce(operator.add, (SearchVector("title", weight="A", config=config)
                                 + SearchVector("summary", weight="B", config=config)
                                 + SearchVector("body", weight="C", config=config)
                                 for config in SEARCH_CONFIGS[language]))


def index_article(*, article: Article) -> None:
    """Store the article's full-text search vector (PostgreSQL; SQLite searches without)."""
    if connection.vendor != "postgresql":
        return
    Article.objects.filter(pk=article.pk).update(search_vector=_search_vector(article.language))


def _save(article: Article) -> Article:
    article.updated_at = timezone.now()
    article.full_clean(exclude=["search_vector"])
    article.save()
    index_article(article=article)
    return article


@transaction.atomic
def save_article(*, article: Article, actor: User) -> Article:
    """Validate and save an article written by staff, and keep its search index current."""
    require_staff(actor, "knowledge.change_article" if article.pk else "knowledge.add_article")
    return _save(article)


@transaction.atomic
def set_published(*, article: Article, published: bool, actor: User) -> Article:
    """Staff publish or withdraw an article."""
    require_staff(actor, "knowledge.change_article")
    article.is_published = published
    return _save(article)


def record_deflection(*, contact: Contact, article: Article, subject: str) -> Deflection:
    """The contact found their answer in this article instead of submitting an incident."""
    if not can(contact, Capability.KNOWLEDGE_BASE):
        raise CapabilityDenied(Capability.KNOWLEDGE_BASE)
    if not article.is_published:
        raise Article.DoesNotExist
    return Deflection.objects.create(contact=contact, article=article,
                                     subject=" ".join(subject.split())[:SUBJECT_MAX_LENGTH])
