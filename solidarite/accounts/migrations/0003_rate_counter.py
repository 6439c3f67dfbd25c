"""Rate-limit counters move from the database cache to their own table (``accounts.ratelimit``)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_cache_table'),
    ]

    operations = [
        # The cache table of 0002 had no other use.
        migrations.RunSQL("DROP TABLE IF EXISTS solidarite_cache", migrations.RunSQL.noop),
        migrations.CreateModel(
            name='RateCounter',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('bucket', models.CharField(max_length=200)),
                ('window_start', models.BigIntegerField()),
                ('expires_at', models.BigIntegerField(db_index=True)),
                ('hits', models.PositiveIntegerField(default=0)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('bucket', 'window_start'), name='ratecounter_one_per_window')],
            },
        ),
    ]
