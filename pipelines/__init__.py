"""The one pipeline chain (normalize -> language -> dedup -> classify -> status -> identity ->
tickets -> store) and the storage it writes to."""
