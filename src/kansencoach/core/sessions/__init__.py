"""A session over time: the event log, the store, the moves a front end makes."""
