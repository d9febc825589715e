"""The conversation: the engine that answers and checks, the dispatcher, plain-text replies."""
