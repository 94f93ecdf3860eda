"""Output formats. Each reporter returns a string; the CLI decides where it goes."""
