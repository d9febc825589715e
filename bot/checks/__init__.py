"""Checking drafts: text normalisation, rule kinds, built-in detectors, the checker."""
