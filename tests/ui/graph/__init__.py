"""Tests of the contributing-factor canvas, side panel, findings and prompts."""
