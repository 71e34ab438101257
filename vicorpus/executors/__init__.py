"""Where stage work runs: in local processes (the default) or on a Ray cluster (``executor: ray``)."""
