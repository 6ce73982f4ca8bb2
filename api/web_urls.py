"""The token pages (R-API-1): on the profile for contacts, a page of their own for staff."""

from django.urls import path

from . import web

urlpatterns = [
    path("profile/tokens/", web.token_new, name="api_token_new"),
    path("profile/tokens/<int:pk>/revoke/", web.token_revoke, name="api_token_revoke"),
    path("staff/tokens/", web.staff_tokens, name="staff_tokens"),
    path("staff/tokens/<int:pk>/revoke/", web.staff_token_revoke, name="staff_token_revoke"),
]
