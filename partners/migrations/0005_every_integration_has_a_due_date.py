from django.db import migrations, models


class Migration(migrations.Migration):
    """R-PART-7: after 0004 every integration has a due date; from now on it must."""

    dependencies = [
        ("partners", "0004_first_due_dates_and_reviews"),
    ]

    operations = [
        migrations.AlterField(
            model_name="integration",
            name="next_scan_due",
            field=models.DateField(editable=False, verbose_name="next quickscan due"),
        ),
    ]
