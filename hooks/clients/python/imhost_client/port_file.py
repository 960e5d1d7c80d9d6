"""The port file imhost writes once its hook server listens (``--port-file PATH``)::

    {"url": "http://127.0.0.1:PORT", "port": PORT, "pid": PID, "token": "...", "instance_id": "..."}

It is written atomically (temp file + rename) with mode 0600: the token is a secret.
"""

import json
from dataclasses import dataclass
from typing import Any

from .errors import PortFileError


@dataclass(frozen=True)
class PortFile:
    url: str
    port: int
    pid: int
    token: str
    instance_id: str


def parse_port_file(text: str) -> PortFile:
    """A PortFile from the file's text; PortFileError says what is wrong."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise PortFileError(f"port file is not JSON: {error}") from None
    if not isinstance(data, dict):
        raise PortFileError("port file is not a JSON object")

    def field(name: str, kind: type) -> Any:
        value = data.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise PortFileError(f"port file has no {kind.__name__} {name!r}")
        return value

    info = PortFile(field("url", str), field("port", int), field("pid", int), field("token", str),
                    field("instance_id", str))
    if not 0 < info.port <= 65535:
        raise PortFileError(f"port file 'port' out of range: {info.port}")
    return info


def read_port_file(path: str) -> PortFile:
    try:
        with open(path, encoding="utf-8") as f:
            return parse_port_file(f.read())
    except OSError as error:
        raise PortFileError(f"cannot open {path}: {error.strerror}") from None
