"""The ``guidebot`` command line."""
