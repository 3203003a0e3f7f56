"""Scale-out over Celery (docs/deployment.md): crawlers enqueue batches of collected items, and
``listenpost worker`` processes run the one chain on them. Off (one machine) while
``[cluster] broker_url`` is empty; nothing here is imported then."""
