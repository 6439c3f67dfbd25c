"""The content version row and the functions its PostgreSQL triggers call (see models.ContentVersion).

The triggers themselves are declared by each app, on its own tables, with ``solidarite.fragments.triggers``.
Until issue 14 this migration created them all, naming every domain table; databases migrated then kept
those triggers until the apps' own migrations replaced them under the same names (the apps'
``00xx_fragment_triggers``), so old and fresh databases hold one set per table. The function that tested
whether a renamed person wrote a help post went to help's migration too.
"""

from django.db import migrations, models

# SKIP LOCKED: a writer never waits for the row, so the token adds no lock order between
# transactions (no deadlock, no queue of writers). A writer that finds the row held by another
# open transaction leaves the renewal to it; if that one commits first or rolls back, this write
# shows on the lists when the minute turns (the parts' keys carry it), at most a minute late.
PG_FUNCTIONS = [
    """
CREATE OR REPLACE FUNCTION fragments_renew_areas(areas text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE token text := md5(random()::text || clock_timestamp()::text);
BEGIN
  PERFORM 1 FROM fragments_contentversion WHERE id = 1 FOR UPDATE SKIP LOCKED;
  IF FOUND THEN
    UPDATE fragments_contentversion
       SET help = CASE WHEN 'help' = ANY(areas) THEN token ELSE help END,
           listings = CASE WHEN 'listings' = ANY(areas) THEN token ELSE listings END
     WHERE id = 1;
  END IF;
END $$;
""",
    """
CREATE OR REPLACE FUNCTION fragments_renew() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fragments_renew_areas(TG_ARGV);
  RETURN NULL;
END $$;
""",
]


def create_functions(apps, schema_editor):
    ContentVersion = apps.get_model("fragments", "ContentVersion")
    ContentVersion.objects.update_or_create(id=1, defaults={"help": "initial", "listings": "initial"})
    if schema_editor.connection.vendor == "postgresql":
        for function in PG_FUNCTIONS:
            schema_editor.execute(function)


def drop_functions(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS fragments_renew()")
        schema_editor.execute("DROP FUNCTION IF EXISTS fragments_renew_areas(text[])")


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("help", models.CharField(max_length=32, verbose_name="entraide")),
                ("listings", models.CharField(max_length=32, verbose_name="annuaire, agenda et commerces")),
            ],
            options={
                "verbose_name": "version des listes publiques",
                "verbose_name_plural": "versions des listes publiques",
            },
        ),
        migrations.RunPython(create_functions, drop_functions),
    ]
