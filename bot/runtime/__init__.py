"""Process plumbing shared by every layer: settings, background loops, safe logging."""
