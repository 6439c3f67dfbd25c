"""PostgreSQL: two active loans of one item can never overlap (exclusion constraint, btree_gist).

SQLite has no exclusion constraint; there the check runs inside the serialized write transaction
(``services.book``). The operation is ``solidarite.intervals.no_overlap``, shared with rooms and permanences.
"""

from django.db import migrations

from solidarite.intervals import no_overlap


class Migration(migrations.Migration):
    dependencies = [("lending", "0001_initial")]

    operations = [
        no_overlap(
            table="lending_loan",
            constraint="lending_loan_no_overlap",
            resource_column="item_id",
            active=("booked", "out", "late"),
        )
    ]
