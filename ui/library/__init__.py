"""The library: every retrospective in the database, and the follow-through of open actions."""
