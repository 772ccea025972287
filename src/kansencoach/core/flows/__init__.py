"""The flow language: models, loading and checks, routing, and the authors' tools."""
