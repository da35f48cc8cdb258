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


def read_csv(response) -> list[dict]:
    """The rows of a streamed CSV export, as a spreadsheet program reads them."""
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_streams_keys_and_plain_values():
    response = csv_response(
        iter(ROWS), fieldnames=["id", "keys", "amount", "on", "ok"], filename="x.csv"
    )
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    rows = read_csv(response)
    assert rows[0] == {
        "id": "1",
        "keys": "a;b",
        "amount": "12.50",
        "on": "2024-05-01",
        "ok": "true",
    }
    assert rows[1] == {"id": "2", "keys": "", "amount": "", "on": "", "ok": "false"}


def test_csv_export_keeps_formulas_from_running_in_a_spreadsheet():
    rows = [
        {"title": '=HYPERLINK("https://example.org","x")', "note": "+49 30 1234", "keys": ["@a"]},
        {"title": "-2+3", "note": "\tTab", "keys": ["a", "=b"]},
        {"title": "Smart City 2030", "note": "a=b", "amount": Decimal("-12.50")},
    ]
    response = csv_response(
        iter(rows), fieldnames=["title", "note", "keys", "amount"], filename="x.csv"
    )
    read = read_csv(response)
    assert read[0] == {
        "title": '\'=HYPERLINK("https://example.org","x")',
        "note": "'+49 30 1234",
        "keys": "'@a",
        "amount": "",
    }
    assert (read[1]["title"], read[1]["note"], read[1]["keys"]) == ("'-2+3", "'\tTab", "a;=b")
    # Text that does not start like a formula, and numbers, stay as they are.
    assert (read[2]["title"], read[2]["note"], read[2]["amount"]) == (
        "Smart City 2030",
        "a=b",
        "-12.50",
    )


def test_json_export_keeps_text_as_it_is():
    data = json.loads(
        b"".join(json_response(iter([{"title": "=1+1"}]), filename="x.json").streaming_content)
    )
    assert data == [{"title": "=1+1"}]


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
