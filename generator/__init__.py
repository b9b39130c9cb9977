"""What's On: community activity directories from validated YAML."""

__version__ = "0.1.0"
