"""``request_organisation_checks``: ask administrators to check their organisation's details
(R-CARE-3) now, as the daily beat task does; ``--force`` also outside the configured months."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from contacts.checks import is_check_month, period_of, request_organisation_checks


class Command(BaseCommand):
    help = ("Email the administrators of every organisation that is due a check of its details "
            "(only in ORGANISATION_CHECK_MONTHS unless --force).")

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force", action="store_true",
            help="Run outside the configured months too (organisations asked in the last "
                 "5 months are still skipped).",
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        now = timezone.now()
        if not force and not is_check_month(now):
            months = ", ".join(str(month) for month in settings.ORGANISATION_CHECK_MONTHS)
            self.stdout.write(f"{period_of(now)} is not a check month (ORGANISATION_CHECK_MONTHS:"
                              f" {months}); nothing sent. Use --force to run anyway.")
            return
        asked = request_organisation_checks(now=now, force=force)
        self.stdout.write(f"Asked the administrators of {asked} organisations to check their "
                          f"details (period {period_of(now)}).")
