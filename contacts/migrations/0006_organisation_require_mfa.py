"""R-X-7: an organisation's administrators may require a second factor of every contact (off for
every existing organisation, also as the column's database default)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0005_invitations_last_used'),
    ]

    operations = [
        migrations.AddField(
            model_name='organisation',
            name='require_mfa',
            field=models.BooleanField(db_default=False, default=False, help_text='Every contact sets up an authenticator app before using the portal.', verbose_name='require two-factor authentication'),
        ),
    ]
