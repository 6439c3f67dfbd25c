# The booking log takes the shape of every transition log (solidarite.workflow.TransitionLog):
# its columns are renamed, so that the rows already written are kept.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('rooms', '0004_room_photos'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField('transition', 'from_status', 'from_state'),
        migrations.RenameField('transition', 'to_status', 'to_state'),
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
            name='from_state',
            field=models.CharField(blank=True, max_length=20, verbose_name='état avant'),
        ),
        migrations.AlterField(
            model_name='transition',
            name='name',
            field=models.CharField(max_length=30, verbose_name='étape'),
        ),
        migrations.AlterField(
            model_name='transition',
            name='reason',
            field=models.TextField(blank=True, verbose_name='motif'),
        ),
        migrations.AlterField(
            model_name='transition',
            name='to_state',
            field=models.CharField(max_length=20, verbose_name='état après'),
        ),
    ]
