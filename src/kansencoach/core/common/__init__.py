"""Files and problems every package shares: YAML read with positions, Dutch problem reports."""
