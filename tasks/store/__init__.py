"""Store: the pipeline's records as the warehouse's rows, and stored rows back as records."""
