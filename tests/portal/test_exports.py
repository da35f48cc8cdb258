import csv
import io
import json
from datetime import date
from decimal import Decimal

from portal.exports import csv_response, json_response

ROWS = [
    {"id": 1, "keys": ["a", "b"], "amount": Decimal("12.50"), "on": date(2024, 5, 1), "ok": True},
    {"id": 2, "keys": [], "amount": None, "on": None, "ok": False},
]


def test_csv_export_streams_keys_and_plain_values():
    response = csv_response(
        iter(ROWS), fieldnames=["id", "keys", "amount", "on", "ok"], filename="x.csv"
    )
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0] == {
        "id": "1",
        "keys": "a;b",
        "amount": "12.50",
        "on": "2024-05-01",
        "ok": "true",
    }
    assert rows[1] == {"id": "2", "keys": "", "amount": "", "on": "", "ok": "false"}


def test_json_export_streams_a_valid_array():
    response = json_response(iter(ROWS), filename="x.json")
    data = json.loads(b"".join(response.streaming_content))
    assert data[0] == {
        "id": 1,
        "keys": ["a", "b"],
        "amount": "12.50",
        "on": "2024-05-01",
        "ok": True,
    }
    assert data[1]["amount"] is None


def test_json_export_of_nothing_is_an_empty_array():
    assert json.loads(b"".join(json_response(iter([]), filename="x.json").streaming_content)) == []
