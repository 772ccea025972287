"""The portfolio: every proposal of the organisation side by side, for the aanjaagteam."""
