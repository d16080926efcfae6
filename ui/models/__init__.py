"""Qt item models over the open retro (timeline, actions, speakers, findings) and a shared row-list base."""
