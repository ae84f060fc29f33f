"""Extraction stages: small functions over a batch of article contexts, registered by name."""
