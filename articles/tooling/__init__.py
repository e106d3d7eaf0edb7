"""Demo data and benchmarks; nothing here serves a reader."""
