"""Texts of Django that the portal translates itself: Django's Dutch addresses the reader
with "u", the portal with "je". Listing them here puts them in our catalogue, which comes
first (LOCALE_PATHS), so our Dutch wins. Never imported: only `makemessages` reads it."""

from django.utils.translation import gettext_noop, ngettext_lazy

# The help texts under "New password" (AUTH_PASSWORD_VALIDATORS).
PASSWORD_HELP_TEXTS = (
    gettext_noop("Your password can’t be too similar to your other personal information."),
    ngettext_lazy("Your password must contain at least %(min_length)d character.",
                  "Your password must contain at least %(min_length)d characters.",
                  "min_length"),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
)

# Form messages that Django REST framework's Dutch catalogue translates differently from
# Django's ("Dit veld is vereist."): its catalogue comes before Django's own, so without these
# every form of the portal would change its words when the API was added. Ours keep Django's.
FORM_MESSAGES = (
    gettext_noop("This field is required."),
    gettext_noop("No file was submitted."),
    gettext_noop("Value must be valid JSON."),
    gettext_noop("Upload a valid image. The file you uploaded was either not an image or a "
                 "corrupted image."),
)
