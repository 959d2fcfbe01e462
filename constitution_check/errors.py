"""Errors that reach the user as one line, never a traceback."""


class InputError(Exception):
    """A document the checker cannot read: the message names the reason in plain words."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class RuleError(Exception):
    """A rule or ruleset file that does not validate: names the file, the field and the reason."""


class AreaError(Exception):
    """An unknown area name; the message carries the nearest suggestions."""
