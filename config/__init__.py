"""listenpost configuration: one typed settings object (see :mod:`config.settings`)."""

from config.settings import ConfigError, Settings, load_settings

__all__ = ["ConfigError", "Settings", "load_settings"]
