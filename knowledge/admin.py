"""Staff maintain categories and articles (the Support group may edit them) and see how
often each article answered a question instead of an incident (R-INC-2). Articles are saved
through knowledge.actions, which keeps the search index current."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.staff import staff_member

from .actions import save_article, set_published
from .models import Article, Category, Deflection

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class DeflectionTotal(TypedDict):
    deflection_total: int


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name_nl"]}
    search_fields = ["name_nl", "name_en"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "language", "is_published", "updated_at",
                    "deflection_count"]
    list_filter = ["is_published", "language", "category"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "category", "language", "translation_of", "summary", "body",
              "is_published", "updated_at"]
    raw_id_fields = ["translation_of"]
    readonly_fields = ["updated_at"]
    list_select_related = ["category"]
    actions = ["publish", "withdraw"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return (super().get_queryset(request).defer("search_vector")
                .annotate(deflection_total=Count("deflections")))

    @admin.display(description=_("answered questions"), ordering="deflection_total")
    def deflection_count(self, article: WithAnnotations[Article, DeflectionTotal]) -> int:
        return article.deflection_total

    def save_model(self, request, obj, form, change) -> None:
        save_article(article=obj, actor=request.user)

    def _set_published(self, request: HttpRequest, queryset: QuerySet[Article],
                       published: bool) -> int:
        count = 0
        for article in queryset:
            set_published(article=article, published=published,
                          actor=staff_member(request))
            count += 1
        return count

    @admin.action(description=_("Publish the selected articles"),
                  permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count = self._set_published(request, queryset, True)
        self.message_user(request, _("Articles published: %(count)d.") % {"count": count},
                          messages.SUCCESS)

    @admin.action(description=_("Withdraw the selected articles"),
                  permissions=["change"])
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count = self._set_published(request, queryset, False)
        self.message_user(request, _("Articles withdrawn: %(count)d.") % {"count": count},
                          messages.SUCCESS)


@admin.register(Deflection)
class DeflectionAdmin(admin.ModelAdmin):
    """Read only: deflections are recorded by contacts in the portal."""

    list_display = ["created_at", "article", "subject", "contact"]
    list_select_related = ["article", "contact__user", "contact__organisation"]
    list_filter = ["article__category"]
    search_fields = ["subject", "article__title", "contact__user__email",
                     "contact__organisation__name"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
