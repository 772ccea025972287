"""The layout of a knowledge folder: where its interventions and its source list are."""

INTERVENTIONS_DIR = "interventions"
SOURCES_FILE = "sources.yaml"
