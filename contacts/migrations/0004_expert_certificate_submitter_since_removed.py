"""R-QUOTA-7: experts get certificate dates (legacy experts: the contact's creation date and
one year from the upgrade, for staff to correct); R-GATE-5: since when a contact submits;
R-ROLE-18: removed contacts stay as former contacts, so one person may be added again."""

import datetime as dt

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def fill_legacy_values(apps, schema_editor):
    Contact = apps.get_model("contacts", "Contact")
    until = timezone.localdate() + dt.timedelta(days=365)
    for contact in Contact.objects.filter(certified_expert=True, expert_certified_on__isnull=True):
        contact.expert_certified_on = timezone.localdate(contact.created_at)
        contact.expert_certified_until = until
        contact.save(update_fields=["expert_certified_on", "expert_certified_until"])
    Contact.objects.filter(can_submit_incidents=True).update(submitter_since=models.F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0003_seat_holder_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='contact',
            name='contact_unique_user_org',
        ),
        migrations.AddField(
            model_name='contact',
            name='expert_certified_on',
            field=models.DateField(blank=True, null=True, verbose_name='expert certificate date'),
        ),
        migrations.AddField(
            model_name='contact',
            name='expert_certified_until',
            field=models.DateField(blank=True, null=True, verbose_name='expert certificate valid until'),
        ),
        migrations.AddField(
            model_name='contact',
            name='removed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='removed at'),
        ),
        migrations.AddField(
            model_name='contact',
            name='submitter_since',
            field=models.DateTimeField(blank=True, null=True, verbose_name='submits incidents since'),
        ),
        migrations.RunPython(fill_legacy_values, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='contact',
            name='certified_expert',
            field=models.BooleanField(default=False, help_text='An AFAS Expert with the role Submit incidents does not take a seat.', verbose_name='certified expert'),
        ),
        migrations.AddConstraint(
            model_name='contact',
            constraint=models.UniqueConstraint(condition=models.Q(('removed_at__isnull', True)), fields=('user', 'organisation'), name='contact_unique_user_org'),
        ),
        migrations.AddConstraint(
            model_name='contact',
            constraint=models.CheckConstraint(condition=models.Q(('certified_expert', False), models.Q(('expert_certified_on__isnull', False), ('expert_certified_until__isnull', False)), _connector='OR'), name='contact_expert_has_certificate_dates'),
        ),
        migrations.AddConstraint(
            model_name='contact',
            constraint=models.CheckConstraint(condition=models.Q(('removed_at__isnull', True), ('is_active', False), _connector='OR'), name='contact_removed_is_inactive'),
        ),
    ]
