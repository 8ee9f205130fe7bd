"""TEI-XML scholarly edition pipeline: convert, validate and publish."""

__version__ = "0.1.0"
