"""Values of the domain: the policy model, multilingual texts, incoming messages, commands and replies."""
