"""Gold readers, matching and metrics for the evaluation scripts."""
