"""Reading the seed files: one module per source format, plus shared helpers."""
