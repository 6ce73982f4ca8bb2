"""The knowledge base: articles in categories, maintained by staff, read by every contact,
suggested while an incident's subject is typed (SPEC §5 R-INC-2)."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from contacts.models import Contact

# Paths under /knowledge/ that are pages of their own, so no article may take them as slug.
RESERVED_SLUGS = frozenset({"suggest", "registered-integrations"})


class ArticleLanguage(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")
    BOTH = "both", _("Dutch and English")


class Category(models.Model):
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0,
                                                help_text=_("Lower numbers come first."))

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name_nl"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language."""
        return self.name_en if translation.get_language() == "en" else self.name_nl


class Article(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=300,
                               help_text=_("One or two sentences, shown in lists and suggestions."))
    body = models.TextField(_("text"), help_text=_("Markdown. Raw HTML is removed when shown."))
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="articles")
    language = models.CharField(_("language"), max_length=4, choices=ArticleLanguage.choices,
                                default=ArticleLanguage.DUTCH)
    is_published = models.BooleanField(_("published"), default=False)
    # The same article in the other language (issue 14): the article page links to it, and
    # says when there is none. Set on either of the two; the other finds it back.
    translation_of = models.ForeignKey(
        "self", verbose_name=_("translation of"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="translations",
        limit_choices_to={"language__in": [ArticleLanguage.DUTCH, ArticleLanguage.ENGLISH]},
        help_text=_("The same article in the other language, if there is one."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, editable=False)
    # PostgreSQL only: kept up to date by knowledge.actions.save_article (GIN index in the
    # migration); NULL on SQLite, where search falls back to icontains.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["title"]
        indexes = [models.Index(fields=["is_published", "language", "category"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This slug is reserved for a page of the "
                                             "knowledge base; choose another.")})
        other = self.translation_of
        if other is not None:
            if self.language == ArticleLanguage.BOTH:
                raise ValidationError({"translation_of": _(
                    "An article in both languages has no translation.")})
            if other.pk == self.pk or other.language == self.language:
                raise ValidationError({"translation_of": _(
                    "Choose the article in the other language.")})


class Deflection(models.Model):
    """A contact marked an article as the answer instead of submitting an incident (R-INC-2)."""

    contact = models.ForeignKey(Contact, verbose_name=_("contact"), on_delete=models.CASCADE,
                                related_name="deflections")
    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE,
                                related_name="deflections")
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("deflection")
        verbose_name_plural = _("deflections")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.article} – {self.subject}"
