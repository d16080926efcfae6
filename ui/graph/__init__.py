"""The contributing-factor canvas: scene, items, view, side panel, findings and prompts."""
