"""The Qt desktop app. Talks to stored retros only through :mod:`retro.services`."""
