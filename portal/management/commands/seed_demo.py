"""``seed_demo``: the demo data of SPEC §11. Idempotent; refuses to run without DEBUG
unless told so, because every demo account shares one published password."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.mfa import current_totp_code
from care import demo as care_demo
from consultancy import demo as consultancy_demo
from contacts.checks import demo as contacts_check_demo
from contacts import demo as contacts_demo
from courses import demo as courses_demo
from incidents import demo as incidents_demo
from invoices import demo as invoices_demo
from knowledge import demo as knowledge_demo
from partners import demo as partners_demo
from updates import demo as updates_demo


class Command(BaseCommand):
    help = "Create or reset the demo organisations, accounts and data (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--allow-without-debug", action="store_true",
            help="Seed even though DEBUG is off (never on a production site).",
        )

    def handle(self, *args, allow_without_debug: bool = False, **options) -> None:
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError("seed_demo runs only with DEBUG on (demo accounts share a "
                               "published password); pass --allow-without-debug to insist.")
        with transaction.atomic():
            accounts = contacts_demo.seed()
            contacts_check_demo.seed()
            courses_demo.seed()
            incidents_demo.seed()
            invoices_demo.seed()
            knowledge_demo.seed()
            care_demo.seed()
            partners_demo.seed()
            updates_demo.seed()
            consultancy_demo.seed()
        width = max(len(account.email) for account in accounts)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at "
                                             "http://127.0.0.1:8000/ with:"))
        for account in accounts:
            where = account.organisation or "-"
            self.stdout.write(f"  {account.email:<{width}}  {where:<13} {account.description}")
        self.stdout.write(f"  password for every account: {settings.PORTAL_DEMO_PASSWORD}")
        secret = contacts_demo.DEMO_TOTP_SECRET  # R-X-7: staff log in with a second factor
        self.stdout.write(f"  authenticator code of the staff accounts: TOTP secret {secret} "
                          f"(code now: {current_totp_code(secret)}, a new one every 30 s)")
