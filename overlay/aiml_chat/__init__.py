"""aiml-chat: a typed, resilient client for the AI/ML API chat-completions endpoint."""

__version__ = "0.1.0"
