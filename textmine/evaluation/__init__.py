"""Gold readers, matching and metrics per task (``scripts/evaluate_*`` are thin mains)."""
