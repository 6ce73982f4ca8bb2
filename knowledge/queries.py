"""Reads of the knowledge base for the active contact: published articles only, in the
active language (or both), searched with PostgreSQL full-text search in Dutch and English,
or with a simple ``icontains`` fallback on SQLite (R-INC-2, R-X-3)."""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from accounts.permissions import Capability, can
from contacts.models import Contact

from .models import Article, ArticleLanguage, Category

SUGGESTION_COUNT = 5
SUGGEST_MIN_LENGTH = 3
# A search uses at most this many words of at most this many characters (bad input stays
# cheap; nobody types more to find an article).
MAX_WORDS = 10
MAX_WORD_LENGTH = 40


def _languages(language: str) -> list[str]:
    return [ArticleLanguage.BOTH, language if language in ArticleLanguage.values
            else ArticleLanguage.DUTCH]


def published_articles() -> QuerySet[Article]:
    return Article.objects.filter(is_published=True).defer("search_vector")


def articles_for(contact: Contact, *, language: str) -> QuerySet[Article]:
    """The published articles in the contact's language and those in both languages; none
    without an active contact."""
    if not can(contact, Capability.KNOWLEDGE_BASE):
        return Article.objects.none()
    return published_articles().filter(language__in=_languages(language))


def words_of(text: str) -> list[str]:
    """The words to search for: letters and digits only, so no query syntax gets through."""
    return [word[:MAX_WORD_LENGTH] for word in re.findall(r"\w+", text or "")][:MAX_WORDS]


def search(articles: QuerySet[Article], text: str, *, any_word: bool = False
           ) -> QuerySet[Article]:
    """Articles matching every word (``any_word``: at least one), best match first.

    PostgreSQL: the stored search vector against the words as a Dutch and as an English
    query (so stemming and stop words fit either language). SQLite: each word in the title,
    summary or text, ordered by title."""
    words = words_of(text)
    if not words:
        return articles.none()
    if connection.vendor == "postgresql":
        phrase = " or ".join(words) if any_word else " ".join(words)
        search_type = "websearch" if any_word else "plain"
        query = (SearchQuery(phrase, config="dutch", search_type=search_type)
                 | SearchQuery(phrase, config="english", search_type=search_type))
        return (articles.filter(search_vector=query)
                .annotate(rank=SearchRank(F("search_vector"), query))
                .order_by("-rank", "title", "pk"))
    conditions = [Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
                  for word in words]
    combined = conditions[0]
    for condition in conditions[1:]:
        combined = (combined | condition) if any_word else (combined & condition)
    return articles.filter(combined).order_by("title", "pk")


def article_list(contact: Contact, *, language: str, text: str = "",
                 category: Category | None = None) -> QuerySet[Article]:
    """The knowledge-base page: all visible articles by category and title, or the search
    results; with their category in the same query."""
    articles = articles_for(contact, language=language)
    if category is not None:
        articles = articles.filter(category=category)
    if words_of(text):
        articles = search(articles, text)
    else:
        articles = articles.order_by("category__position", "category__name_nl", "title", "pk")
    return articles.select_related("category")


def categories_for(contact: Contact, *, language: str) -> QuerySet[Category]:
    """Categories with at least one visible article, with ``article_count``; one query."""
    visible = Q(articles__is_published=True, articles__language__in=_languages(language))
    return (Category.objects.annotate(article_count=Count("articles", filter=visible))
            .filter(article_count__gt=0).order_by("position", "name_nl", "pk"))


def category_by_slug(slug: str | None) -> Category | None:
    """The category of a filter link; ``None`` for no or an unknown slug (all articles)."""
    if not slug or not re.fullmatch(r"[-\w]{1,100}", str(slug)):
        return None
    return Category.objects.filter(slug=str(slug)).first()


def suggestions_for(contact: Contact, *, subject: str, language: str) -> list[Article]:
    """Up to five published articles matching any word of an incident's subject as it is
    typed; none for a subject shorter than three characters (R-INC-2)."""
    if len((subject or "").strip()) < SUGGEST_MIN_LENGTH:
        return []
    return list(search(articles_for(contact, language=language), subject, any_word=True)
                [:SUGGESTION_COUNT])


def get_article_for(contact: Contact, slug: object) -> Article:
    """A published article (in any language: a colleague may share a link); 404 for an
    unknown or unpublished one."""
    if not can(contact, Capability.KNOWLEDGE_BASE):
        raise Http404
    try:
        return published_articles().select_related("category").get(slug=str(slug)[:200])
    except Article.DoesNotExist:
        raise Http404 from None


def other_language_version(article: Article) -> Article | None:
    """The published article in the other language, linked either way (issue 14); none for
    an article in both languages. One query."""
    if article.language not in (ArticleLanguage.DUTCH, ArticleLanguage.ENGLISH):
        return None
    return (published_articles()
            .filter(Q(pk=article.translation_of_id) | Q(translation_of=article))
            .exclude(language=article.language).exclude(pk=article.pk)
            .only("slug", "title", "language").first())
