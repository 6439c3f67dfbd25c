#!/bin/sh
# Migrations first (safe to run from every replica: Django takes them in one transaction per
# migration on PostgreSQL, and an already-applied migration is skipped), then daphne.
set -eu
ESTIMATE_PRELOAD=false python manage.py migrate --noinput  # no estimate worker for a migration
# backlog 1024: Twisted's default (50) drops a reconnect burst; 5 s handshake timeout refuses queued sockets.
exec daphne -e tcp:port=8000:interface=0.0.0.0:backlog=1024 --websocket_connect_timeout 60 --proxy-headers "$@" solidarite.asgi:application
