"""listenpost configuration: one typed settings object (see :mod:`config.settings`) and the
exception root (:mod:`config.errors`)."""

from config.errors import ListenpostError
from config.settings import ConfigError, Settings, load_settings

__all__ = ["ConfigError", "ListenpostError", "Settings", "load_settings"]
