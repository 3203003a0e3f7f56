"""`listenpost worker` and `listenpost beat`: the processes of a cluster (docs/deployment.md).
Registered in webapp/cli.py."""

from __future__ import annotations

import logging
import os
from typing import Any

import click


def _cluster_settings(obj: Any, command: str) -> Any:
    settings = obj.settings
    if not settings.cluster.broker_url:
        raise click.ClickException(
            f"listenpost {command} needs [cluster] broker_url (or LISTENPOST_CLUSTER__BROKER_URL)"
        )
    obj.db.dispose()  # the schema is brought up to date once, before any fork
    return settings


# the keys a host makes in its home when unset: (setting, file in home, what differs per host)
HOST_KEYS = {
    "identity": ("hash_key", "identity_key", "contact details and tombstones are hashed"),
    "web": ("secret_key", "secret_key", "sessions are signed"),
}


def warn_unshared_keys(settings: Any, *sections: str) -> None:
    """In a cluster, one warning line per key left to each host's own random one."""
    if not settings.cluster.broker_url:
        return
    for section in sections:
        key, file, what = HOST_KEYS[section]
        if not getattr(getattr(settings, section), key):
            click.echo(
                f"warning: [{section}] {key} is not set: this host uses its own key "
                f"({settings.home / file}), so {what} differently on every host; set "
                f"LISTENPOST_{section.upper()}__{key.upper()}, the same on every host",
                err=True,
            )


def _level() -> str:
    return logging.getLevelName(min(logging.getLogger().getEffectiveLevel(), logging.INFO))


@click.command()
@click.option("--concurrency", "-c", type=click.IntRange(min=1), default=None,
              help="Worker processes on this host (default: one per core).")  # fmt: skip
@click.option("--queues", "-Q", default=None,
              help="Comma-separated queues to take work from (default: the batches' queue "
                   "[cluster] queue and its jobs queue QUEUE.jobs).")  # fmt: skip
@click.pass_obj
def worker(obj: Any, concurrency: int | None, queues: str | None) -> None:
    """Run Celery workers that take batches of collected items and run the chain on them."""
    settings = _cluster_settings(obj, "worker")
    warn_unshared_keys(settings, "identity")
    import webapp.cluster_jobs  # noqa: F401 - registers the periodic jobs' tasks
    from pipelines.cluster.app import configure, jobs_queue

    app = configure(settings)
    queues = queues or f"{settings.cluster.queue},{jobs_queue(settings)}"
    app.worker_main(
        [
            "worker",
            f"--concurrency={concurrency or os.cpu_count() or 1}",
            f"--queues={queues}",
            "--pool=prefork",
            f"--loglevel={_level()}",
            f"--hostname=listenpost-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
        ]
    )


@click.command()
@click.pass_obj
def beat(obj: Any) -> None:
    """Run Celery beat: queue the index update, triage refresh and reply publishing on their
    [cluster] intervals (run one beat per cluster)."""
    settings = _cluster_settings(obj, "beat")
    from pipelines.cluster.app import configure
    from webapp.cluster_jobs import beat_schedule

    app = configure(settings)
    app.conf.beat_schedule = beat_schedule(settings)
    settings.home.mkdir(parents=True, exist_ok=True)
    schedule = settings.home / "celerybeat-schedule"
    app.Beat(schedule=str(schedule), loglevel=_level()).run()
