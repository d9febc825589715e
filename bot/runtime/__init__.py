"""Process plumbing shared by every layer: settings, background loops, safe logging, the
cache directory and the patterns known to compile there."""
