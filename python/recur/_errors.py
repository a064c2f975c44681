"""recur's exceptions: one class per family of the engine's stable error codes.

Every exception recur raises is a :class:`Error` with ``code``, the stable code the README
lists (``"unknown_zone"``, ``"bad_value"``, ...), and ``message``, one line that names the bad
part of the input. Errors about what the caller passed are also ``ValueError``s, as
python-dateutil's are.
"""


class Error(Exception):
    """Base of recur's errors: ``code`` (stable) and ``message`` (one line)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class ParseError(Error, ValueError):
    """Recurrence text that does not read: syntax, unknown or duplicate parts, bad values."""


class ZoneError(Error, ValueError):
    """A zone name the IANA database does not have (or a tzinfo recur cannot name)."""


class TimeError(Error, ValueError):
    """A malformed or impossible time, or one outside years 1..9999."""


class InstanceIdError(Error, ValueError):
    """An instance id that is not masterId_startMillis_durationSeconds."""


class LimitError(Error):
    """A documented limit was reached (the message names it), or an endless series was asked
    for without an end."""


class ApiError(Error):
    """A calendar API call failed."""


_CLASS_OF_CODE = {
    "unknown_zone": ZoneError,
    "bad_time": TimeError,
    "bad_instance_id": InstanceIdError,
    "limit_exceeded": LimitError,
    "unbounded": LimitError,
    "api_failure": ApiError,
}


def error_for(code: str, message: str) -> Error:
    """The exception for a stable error code (the parse family by default)."""
    return _CLASS_OF_CODE.get(code, ParseError)(code, message)
