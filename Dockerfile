# Production image: daphne serves HTTP and WebSocket; configured only from the environment
# (see the README's production variables). Build: docker compose build; run: docker compose up.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media

RUN useradd --system --create-home --home-dir /home/solidarite solidarite
WORKDIR /app
COPY pyproject.toml requirements.lock README.md manage.py ./
COPY solidarite solidarite
COPY associations associations
COPY templates templates
COPY static static
COPY locale locale
COPY docker/entrypoint.sh /usr/local/bin/solidarite-entrypoint
# The compiled catalogs (.mo) are in the repository, so no gettext is needed here.
# collectstatic reads settings, not secrets: a throwaway key serves for the build only.
RUN pip install -c requirements.lock . \
    && SECRET_KEY="build-only-$(python -c 'import secrets; print(secrets.token_hex(32))')" \
       python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown solidarite /app/media \
    && chmod +x /usr/local/bin/solidarite-entrypoint

USER solidarite
VOLUME ["/app/media"]
EXPOSE 8000
# /healthz answers 200 when the database and the channel layer both answer (503 otherwise).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import os, sys, urllib.request as u; host = os.environ['ALLOWED_HOSTS'].split(',')[0].strip(); sys.exit(u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': host}), timeout=4).status != 200)"
ENTRYPOINT ["solidarite-entrypoint"]
