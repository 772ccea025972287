"""The knowledge base: interventions and indicators, loading, the matcher, suggestions."""
