"""Small widgets the stage editors share: banners, cell editors, projector panels."""
