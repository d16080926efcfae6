"""Import and export: the JSON document and timeline importers."""
