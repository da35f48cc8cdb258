"""Operational tools, not product code: synthetic data at national scale, the query counts
of the benchmark, backups. They may import every app; no app imports them."""
