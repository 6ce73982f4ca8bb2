"""R-X-6: joining an organisation needs consent (pending memberships are invitations, not
contacts), and the organisation a person last used is remembered per contact. Existing
contacts stay as they are; a person with several organisations is asked once which one."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0004_expert_certificate_submitter_since_removed'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='contact',
            name='last_used_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='last used at'),
        ),
        migrations.CreateModel(
            name='Invitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='email address')),
                ('is_employee', models.BooleanField(default=False, verbose_name='employee')),
                ('is_administrator', models.BooleanField(default=False, verbose_name='administrator')),
                ('can_submit_incidents', models.BooleanField(default=False, verbose_name='submit incidents')),
                ('can_view_incidents', models.BooleanField(default=False, verbose_name='view incidents')),
                ('submission_profile', models.CharField(blank=True, choices=[('finance', 'Finance'), ('hrm_payroll', 'HRM/Payroll'), ('crm', 'CRM'), ('projects', 'Projects')], max_length=20, verbose_name='submission profile')),
                ('job_title', models.CharField(blank=True, max_length=100, verbose_name='job title')),
                ('language', models.CharField(choices=[('nl', 'Dutch'), ('en', 'English')], default='nl', max_length=2, verbose_name='language')),
                ('created_user', models.BooleanField(default=False, editable=False, help_text='The address had no login yet: choosing a password accepts.', verbose_name='login created for this invitation')),
                ('invited_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='invited at')),
                ('sent_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='last sent at')),
                ('seen_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='seen at')),
                ('declined_at', models.DateTimeField(blank=True, null=True, verbose_name='declined at')),
                ('invited_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='contacts.contact', verbose_name='invited by')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='contacts.organisation', verbose_name='organisation')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'invitation',
                'verbose_name_plural': 'invitations',
                'ordering': ['organisation__name', 'email'],
                'indexes': [models.Index(condition=models.Q(('can_submit_incidents', True), ('declined_at__isnull', True)), fields=['organisation'], name='invitation_reserved_seats')],
                'constraints': [models.UniqueConstraint(fields=('organisation', 'user'), name='invitation_unique_user_org')],
            },
        ),
    ]
