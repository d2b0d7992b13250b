"""Topic models over the stored posts: fit and choose k, compare runs, topics by actor and over time."""
