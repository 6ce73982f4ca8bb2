"""R-GATE-5: a result belongs to the person (user), so a pass counts in every organisation
they are a contact of. Where one person has a result for the same course and day in two
organisations, the highest grade is kept."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def results_to_people(apps, schema_editor):
    Result = apps.get_model("courses", "Result")
    seen: dict[tuple, int] = {}
    duplicates = []
    for result in (Result.objects.select_related("contact")
                   .order_by("-grade", "-recorded_at", "-pk")):
        result.user_id = result.contact.user_id
        key = (result.user_id, result.course_id, result.taken_on)
        if key in seen:
            duplicates.append(result.pk)
            continue
        seen[key] = result.pk
        result.save(update_fields=["user"])
    Result.objects.filter(pk__in=duplicates).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("courses", "0001_initial"),
        ("contacts", "0004_expert_certificate_submitter_since_removed"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="result", name="one_result_per_course_and_day"),
        migrations.AddField(
            model_name="result",
            name="user",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="course_results", to=settings.AUTH_USER_MODEL,
                                    verbose_name="person"),
        ),
        migrations.RunPython(results_to_people, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="result",
            name="user",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                    related_name="course_results", to=settings.AUTH_USER_MODEL,
                                    verbose_name="person"),
        ),
        migrations.AlterField(
            model_name="result",
            name="contact",
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="results", to="contacts.contact",
                                    verbose_name="recorded for contact"),
        ),
        migrations.AddConstraint(
            model_name="result",
            constraint=models.UniqueConstraint(fields=("user", "course", "taken_on"),
                                               name="one_result_per_person_course_and_day"),
        ),
    ]
