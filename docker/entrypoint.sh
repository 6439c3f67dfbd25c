#!/bin/sh
# Migrations first (safe to run from every replica: Django takes them in one transaction per
# migration on PostgreSQL, and an already-applied migration is skipped), then daphne.
set -eu
ESTIMATE_PRELOAD=false python manage.py migrate --noinput  # no estimate worker for a migration
# Every socket is a file descriptor: the soft limit (often 1,024) up to the hard one (docs/traps.md, daphne).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# backlog 4096 (capped by net.core.somaxconn): Twisted's default (50) drops a reconnect burst, and 5,000
# sockets over two processes put 2,500 in each queue at once; 5 s handshake timeout refuses queued sockets.
exec daphne -e tcp:port=8000:interface=0.0.0.0:backlog=4096 --websocket_connect_timeout 60 --proxy-headers "$@" solidarite.asgi:application
