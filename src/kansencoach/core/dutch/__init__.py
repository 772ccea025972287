"""Dutch text understanding: normalising words for search, reading numbers."""
