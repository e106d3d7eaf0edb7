"""Running the portal: the fixtures loader and whole-portal backups."""
