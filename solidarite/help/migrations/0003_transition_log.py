# The match log takes the shape of every transition log (solidarite.workflow.TransitionLog):
# its columns are renamed, so that the rows already written are kept.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('help', '0002_categories'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField('matchtransition', 'from_status', 'from_state'),
        migrations.RenameField('matchtransition', 'to_status', 'to_state'),
        migrations.AlterModelOptions(
            name='matchtransition',
            options={'ordering': ['at', 'pk'], 'verbose_name': "changement d'état", 'verbose_name_plural': "changements d'état"},
        ),
        migrations.AlterField(
            model_name='matchtransition',
            name='at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='le'),
        ),
        migrations.AlterField(
            model_name='matchtransition',
            name='by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='par'),
        ),
        migrations.AlterField(
            model_name='matchtransition',
            name='from_state',
            field=models.CharField(blank=True, max_length=20, verbose_name='état avant'),
        ),
        migrations.AlterField(
            model_name='matchtransition',
            name='name',
            field=models.CharField(max_length=30, verbose_name='étape'),
        ),
        migrations.AlterField(
            model_name='matchtransition',
            name='reason',
            field=models.TextField(blank=True, verbose_name='motif'),
        ),
        migrations.AlterField(
            model_name='matchtransition',
            name='to_state',
            field=models.CharField(max_length=20, verbose_name='état après'),
        ),
    ]
