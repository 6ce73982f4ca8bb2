"""``recount_submitter_seats``: the nightly recount (R-QUOTA-3) on demand."""

from django.core.management.base import BaseCommand

from contacts.actions import recount_submitter_seats


class Command(BaseCommand):
    help = "Recompute every customer organisation's maximum number of submitter seats."

    def handle(self, *args, **options) -> None:
        result = recount_submitter_seats()
        self.stdout.write(f"Recounted {result.organisations} organisations; "
                          f"{len(result.newly_short)} newly have fewer seats than holders.")
