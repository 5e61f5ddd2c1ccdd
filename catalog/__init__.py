"""The bundled catalog, installed as the package llmcompare.catalog_data (data only)."""
