"""Resolution of mentions to entities, places and countries."""
