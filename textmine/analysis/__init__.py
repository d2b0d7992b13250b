"""Run the pipeline over posts (batches, worker processes, a Dask cluster) and build records."""
