"""The outbox and the heartbeats move from portal/ to core/ (the kernel) without touching the
database: the tables keep their names (``db_table``) and their rows; only Django's record of
which app owns the models changes (``portal`` 0003 forgets them there)."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("portal", "0002_heartbeats"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OutboxItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=200, unique=True, verbose_name='key')),
                        ('kind', models.CharField(max_length=100, verbose_name='kind')),
                        ('payload', models.JSONField(default=dict, verbose_name='payload')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                        ('attempts', models.PositiveIntegerField(default=0, verbose_name='failed attempts')),
                        ('last_error', models.TextField(blank=True, verbose_name='last error')),
                        ('retry_at', models.DateTimeField(blank=True, null=True, verbose_name='next attempt from')),
                        ('done_at', models.DateTimeField(blank=True, null=True, verbose_name='done at')),
                        ('outcome', models.CharField(blank=True, choices=[('', 'Waiting'), ('done', 'Done'), ('skipped', 'Nothing to send')], default='', max_length=20, verbose_name='outcome')),
                        ('to', models.TextField(blank=True, verbose_name='sent to')),
                    ],
                    options={
                        'verbose_name': 'outbox item',
                        'verbose_name_plural': 'outbox',
                        'db_table': 'portal_outboxitem',
                        'ordering': ['-created_at', '-pk'],
                        'indexes': [models.Index(condition=models.Q(('done_at__isnull', True)), fields=['created_at'], name='outbox_pending')],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('done_at__isnull', True), ('outcome', '')), models.Q(('done_at__isnull', False), ('outcome__in', ['done', 'skipped'])), _connector='OR'), name='outbox_outcome_when_done')],
                    },
                ),
                migrations.CreateModel(
                    name='Heartbeat',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
                        ('kind', models.CharField(max_length=20, verbose_name='kind')),
                        ('pid', models.PositiveIntegerField(blank=True, null=True, verbose_name='process id')),
                        ('seen_at', models.DateTimeField(verbose_name='last seen at')),
                    ],
                    options={
                        'verbose_name': 'heartbeat',
                        'verbose_name_plural': 'heartbeats',
                        'db_table': 'portal_heartbeat',
                        'ordering': ['kind', 'name'],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
