"""docker-compose.yml and the image: PostgreSQL 15, Redis 7, two daphne replicas, all from the environment."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ENV = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "solidarite.example.fr",
    "CSRF_TRUSTED_ORIGINS": "https://solidarite.example.fr",
    "SITE_URL": "https://solidarite.example.fr",
    "POSTGRES_PASSWORD": "secret-for-the-test",
}


def compose_command() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
        if probe.returncode == 0:
            return ["docker", "compose"]
    return None


COMPOSE = compose_command()
needs_compose = pytest.mark.skipif(
    COMPOSE is None, reason="neither docker-compose nor the docker compose plugin is installed on this machine"
)


def compose(*args: str, env: dict) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ENV and k not in ("DATABASE_URL", "REDIS_URL")}
    return subprocess.run(
        [*COMPOSE, "-f", str(ROOT / "docker-compose.yml"), *args],
        cwd=ROOT,
        env={**environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@needs_compose
def test_docker_compose_accepts_the_file():
    result = compose("config", "-q", env=ENV)
    assert result.returncode == 0, result.stderr


@needs_compose
@pytest.mark.parametrize("missing", sorted(ENV))
def test_docker_compose_refuses_to_run_without_a_required_variable(missing):
    result = compose("config", "-q", env={k: v for k, v in ENV.items() if k != missing})
    assert result.returncode != 0
    assert missing in result.stderr


@needs_compose
def test_two_web_replicas_share_one_postgresql_and_one_redis():
    result = compose("config", env=ENV)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    services = config["services"]
    assert services["db"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"
    web = services["web"]
    assert web["deploy"]["replicas"] == 2
    assert web["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    assert web["environment"]["DATABASE_URL"] == "postgres://solidarite:secret-for-the-test@db:5432/solidarite"
    assert web["environment"]["SECRET_KEY"] == ENV["SECRET_KEY"]
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    assert set(web["depends_on"]) == {"db", "redis"}


def test_the_image_installs_collects_static_and_starts_daphne_after_migrating():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("# ") and "\nFROM python:3.11-slim\n" in dockerfile
    assert "pip install -c requirements.lock ." in dockerfile  # the versions CI tested
    assert "manage.py collectstatic --noinput" in dockerfile
    assert "/healthz" in dockerfile
    entrypoint = (ROOT / "docker/entrypoint.sh").read_text()
    migrate, daphne = entrypoint.index("manage.py migrate"), entrypoint.index("exec daphne")
    assert migrate < daphne
    # A 4,096-deep accept backlog (2,500 sockets per process in a 5,000 burst) and a 60 s handshake timeout:
    # a reconnect burst queues instead of failing; the open-file limit is lifted first.
    listen = "-e tcp:port=8000:interface=0.0.0.0:backlog=4096 --websocket_connect_timeout 60 --proxy-headers"
    assert "ulimit -n" in entrypoint[:daphne]
    assert listen in entrypoint
    assert os.access(ROOT / "docker/entrypoint.sh", os.X_OK)
