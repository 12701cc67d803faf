"""Cooperation events: triggers, participants, modality, attributes, assembly (spec/events.md)."""
