"""Everything that speaks SQL directly: full-text search and the content version."""
