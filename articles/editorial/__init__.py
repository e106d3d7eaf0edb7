"""What editors work with: glossary, quality checks, correction log, diffs, roles."""
