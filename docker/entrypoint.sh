#!/bin/sh
# Migrations first (safe to run from every replica: Django takes them in one transaction per
# migration on PostgreSQL, and an already-applied migration is skipped), then daphne.
set -eu
python manage.py migrate --noinput
exec daphne --bind 0.0.0.0 --port 8000 --proxy-headers "$@" solidarite.asgi:application
