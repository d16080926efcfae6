"""The retro workspace: stage navigator, header, time box and the stage editors."""
