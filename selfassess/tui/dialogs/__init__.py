"""Modal dialogs: forms for evidence and actions, questions, and error messages."""
