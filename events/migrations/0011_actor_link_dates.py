"""Actor links carry their event's status and dates, for paging an actor's events."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0010_event_listing_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='eventactor',
            name='end_date',
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='eventactor',
            name='start_date',
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='eventactor',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('reviewed', 'Reviewed'), ('published', 'Published')], editable=False, max_length=10, null=True),
        ),
        migrations.AlterField(
            model_name='eventactor',
            name='actor',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='event_roles', to='events.actor'),
        ),
        migrations.AddIndex(
            model_name='eventactor',
            index=models.Index(fields=['actor', 'start_date', 'end_date', 'event', 'status'], name='event_actor_order'),
        ),
        # The triggers that keep the copies, and the copies of the links already there,
        # came here until 0013 added a column they copy: 0013 installs them now.
    ]
