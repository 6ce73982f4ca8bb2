"""R-PART-7/8 on upgrade. Every integration gets a due date, so none escapes the clock: one
never scanned is given its first due date as if it had been registered under the new rule,
``PARTNER_FIRST_SCAN_MONTHS`` (3) after its agreement started, even when that date has passed
(the strict reading: the seed requires certification from the start, and such an integration
has waited longer than any new one may; the nightly check then delists it and gives notice,
which still leaves the partner the 12 months' notice to have the scan done and be relisted).
Every running agreement gets its next yearly review: the first anniversary of its start after
the upgrade."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import migrations
from django.utils import timezone


def first_due_dates_and_reviews(apps, schema_editor) -> None:
    Integration = apps.get_model("partners", "Integration")
    today = timezone.localdate()
    months = relativedelta(months=settings.PARTNER_FIRST_SCAN_MONTHS)
    for integration in Integration.objects.filter(next_scan_due__isnull=True).iterator():
        Integration.objects.filter(pk=integration.pk).update(
            next_scan_due=integration.agreement_start + months)
    for integration in (Integration.objects.filter(next_review_on__isnull=True)
                        .exclude(status="terminated").iterator()):
        years = max(1, today.year - integration.agreement_start.year)
        while integration.agreement_start + relativedelta(years=years) <= today:
            years += 1
        Integration.objects.filter(pk=integration.pk).update(
            next_review_on=integration.agreement_start + relativedelta(years=years))


class Migration(migrations.Migration):

    dependencies = [
        ("partners", "0003_scan_tester_reminders_notice_and_review"),
    ]

    operations = [
        migrations.RunPython(first_due_dates_and_reviews, migrations.RunPython.noop),
    ]
