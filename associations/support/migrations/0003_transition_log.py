# The support log on the shape of every transition log (solidarite.workflow.TransitionLog).

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('support', '0002_review_teams'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='transition',
            name='at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='le'),
        ),
        migrations.AlterField(
            model_name='transition',
            name='by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='par'),
        ),
        migrations.AlterField(
            model_name='transition',
            name='name',
            field=models.CharField(max_length=30, verbose_name='étape'),
        ),
    ]
