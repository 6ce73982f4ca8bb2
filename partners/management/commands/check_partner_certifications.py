"""``check_partner_certifications``: the nightly certification check (R-PART-3) on demand."""

from django.core.management.base import BaseCommand

from partners.actions import check_partner_certifications


class Command(BaseCommand):
    help = ("Delist integrations whose security quickscan is overdue, give their subscription "
            "12 months' notice and email the partners (idempotent).")

    def handle(self, *args, **options) -> None:
        result = check_partner_certifications()
        self.stdout.write(f"Delisted {result.delisted} integrations, gave {result.notices} "
                          f"notices, ended {result.terminated} whose notice ran out; emailed "
                          f"{result.organisations_emailed} partners.")
