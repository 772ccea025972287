"""The proposal draft built from the answers, its review and its export."""
