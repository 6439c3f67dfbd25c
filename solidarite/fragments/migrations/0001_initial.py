"""The content version row and the triggers that renew its tokens (see models.ContentVersion).

Frozen here on purpose: a later table that a cached list reads gets its trigger in a new
migration of this app, with a WATCHED dict of its own (tests/fragments/test_watched_tables.py
reads them all, and fails while a table the lists read has no trigger).
"""

from django.db import migrations, models

# table -> the tokens a write to it renews. accounts_user only for display_name (see below).
WATCHED = {
    "help_helprequest": ["help"],
    "help_helpoffer": ["help"],
    "help_offercategory": ["help"],
    "help_category": ["help"],
    "places_quartier": ["help", "listings"],
    "directory_association": ["listings"],
    "directory_action": ["listings"],
    "shops_shop": ["listings"],
    "shops_initiative": ["listings"],
    "taggit_tag": ["listings"],
    "taggit_taggeditem": ["listings"],
}
# The help lists show their authors' display names: renaming an author (someone with a help post)
# renews "help". Other people's names, and every other column (logins, activity), are on no list.
AUTHOR_NAME = ("accounts_user", "display_name", "help")
AUTHORED = ("help_helprequest", "help_helpoffer")
_IS_AUTHOR = " OR ".join(f"EXISTS (SELECT 1 FROM {table} WHERE author_id = NEW.id)" for table in AUTHORED)

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
    f"""
CREATE OR REPLACE FUNCTION fragments_renew_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {_IS_AUTHOR} THEN
    PERFORM fragments_renew_areas(TG_ARGV);
  END IF;
  RETURN NULL;
END $$;
""",
]


def _sqlite_set(columns):
    return ", ".join(f"{column} = lower(hex(randomblob(16)))" for column in columns)


def create_triggers(apps, schema_editor):
    ContentVersion = apps.get_model("fragments", "ContentVersion")
    ContentVersion.objects.update_or_create(id=1, defaults={"help": "initial", "listings": "initial"})
    vendor = schema_editor.connection.vendor
    execute = schema_editor.execute
    if vendor == "postgresql":
        for function in PG_FUNCTIONS:
            execute(function)
        for table, columns in WATCHED.items():
            args = ", ".join(f"'{c}'" for c in columns)
            # Row-level: a statement that changes no row (a sweep with nothing to do) keeps the cache.
            execute(
                f"CREATE TRIGGER fragments_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION fragments_renew({args})"
            )
            execute(
                f"CREATE TRIGGER fragments_{table}_truncate AFTER TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION fragments_renew({args})"
            )
        table, column, area = AUTHOR_NAME
        execute(
            f"CREATE TRIGGER fragments_{table}_{column} AFTER UPDATE OF {column} ON {table} FOR EACH ROW "
            f"WHEN (OLD.{column} IS DISTINCT FROM NEW.{column}) EXECUTE FUNCTION fragments_renew_author('{area}')"
        )
    elif vendor == "sqlite":
        for table, columns in WATCHED.items():
            for event in ("INSERT", "UPDATE", "DELETE"):
                execute(
                    f"CREATE TRIGGER fragments_{table}_{event.lower()} AFTER {event} ON {table} "
                    f"BEGIN UPDATE fragments_contentversion SET {_sqlite_set(columns)} WHERE id = 1; END"
                )
        table, column, area = AUTHOR_NAME
        execute(
            f"CREATE TRIGGER fragments_{table}_{column} AFTER UPDATE OF {column} ON {table} "
            f"WHEN OLD.{column} IS NOT NEW.{column} AND ({_IS_AUTHOR}) "
            f"BEGIN UPDATE fragments_contentversion SET {_sqlite_set([area])} WHERE id = 1; END"
        )
    else:  # pragma: no cover - the settings accept SQLite and PostgreSQL only
        raise NotImplementedError(f"no content-version triggers for {vendor}")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    execute = schema_editor.execute
    table, column, _area = AUTHOR_NAME
    if vendor == "postgresql":
        for watched in WATCHED:
            execute(f"DROP TRIGGER IF EXISTS fragments_{watched} ON {watched}")
            execute(f"DROP TRIGGER IF EXISTS fragments_{watched}_truncate ON {watched}")
        execute(f"DROP TRIGGER IF EXISTS fragments_{table}_{column} ON {table}")
        execute("DROP FUNCTION IF EXISTS fragments_renew()")
        execute("DROP FUNCTION IF EXISTS fragments_renew_author()")
        execute("DROP FUNCTION IF EXISTS fragments_renew_areas(text[])")
    elif vendor == "sqlite":
        for watched in WATCHED:
            for event in ("insert", "update", "delete"):
                execute(f"DROP TRIGGER IF EXISTS fragments_{watched}_{event}")
        execute(f"DROP TRIGGER IF EXISTS fragments_{table}_{column}")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0003_rate_counter"),
        ("help", "0002_categories"),
        ("places", "0002_reze_quartiers"),
        ("shops", "0001_initial"),
        ("directory", "0003_manager_invitations"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

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
        migrations.RunPython(create_triggers, drop_triggers),
    ]
