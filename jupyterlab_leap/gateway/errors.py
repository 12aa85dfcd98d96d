"""The service's ErrorBody shape, for errors the gateway produces itself."""

from __future__ import annotations


def error_body(status: int, code: str, message: str) -> dict[str, object]:
    """An ErrorBody as defined in service/src/api/schemas.ts."""
    return {"statusCode": status, "code": code, "message": message}
