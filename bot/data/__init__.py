"""The engine's own data, as validated data files: the bot's messages, the thesaurus, help-desk areas, stop words."""
