"""Corpus views over the store: near-duplicate clusters (dedupe), later cross-article events."""
