"""Knowledge bases: loading and validating YAML, linting, watching for edits, exporting."""
