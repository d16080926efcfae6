"""The JSON document: lossless round trips, canonical output, and precise refusals."""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retro.demo import build_demo_retro
from retro.domain import Retro, RetroError
from retro.domain.review import REVIEW_QUESTIONS
from retro.domain.validation import validate_entity
from retro.io.document import FORMAT_NAME, FORMAT_VERSION, DocumentError, dump, dumps, load_document
from tests.strategies import retros

SECTIONS = ("participants", "timeline", "factors", "impacts", "links", "evidence", "accountability", "actions", "review",
            "parking_lot")
#: Keys a document must always have (never dropped when normalising).
REQUIRED = {"id", "title", "name", "at", "text", "cause_id", "effect_id", "factor_id", "event_id",
            "participant_id", "question"}  # fmt: skip


#: No deadline: loading runs every domain check, and a busy CI machine must not make this flaky.
thorough = settings(deadline=None)
quick = settings(deadline=None, max_examples=30)


def without_private_notes(retro: Retro) -> Retro:
    out = Retro.of(retro.incident, [e for e in retro.entities() if e not in retro.private_notes.values()])
    out.factor_matches.update(retro.factor_matches)
    return out


# -- round trips -----------------------------------------------------------------------------------


@thorough
@given(retros())
def test_a_retro_survives_the_round_trip_field_for_field(retro: Retro) -> None:
    # Loading runs every domain check, so this also proves tests.strategies only makes valid retros.
    assert load_document(dumps(retro)) == retro


@quick
@given(retros())
def test_text_bytes_and_dict_read_the_same(retro: Retro) -> None:
    text = dumps(retro)
    assert load_document(text.encode("utf-8")) == load_document(json.loads(text)) == retro


@quick
@given(retros(with_private_notes=True))
def test_private_notes_are_never_written(retro: Retro) -> None:
    document = dump(retro)
    assert "private_notes" not in document
    text = json.dumps(document, ensure_ascii=False)
    assert load_document(text) == without_private_notes(retro)
    for note in retro.private_notes.values():
        validate_entity(note, retro)
        assert note.id not in text


def _normalisable_variant(document: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    """The same retro written differently: lists shuffled, other offsets, defaults left out, ints."""
    variant = copy.deepcopy(document)
    offsets = st.sampled_from([timedelta(0), timedelta(hours=2), timedelta(hours=-5), timedelta(hours=5, minutes=30)])

    def rewrite(obj: dict[str, Any]) -> None:
        for key, value in list(obj.items()):
            if (key == "at" or key.endswith("_at")) and isinstance(value, str):
                moment = datetime.fromisoformat(value).astimezone(timezone(data.draw(offsets)))
                obj[key] = moment.isoformat().replace("+00:00", data.draw(st.sampled_from(["Z", "+00:00"])))
            elif key not in REQUIRED and value in ("", None, []) and data.draw(st.booleans()):
                del obj[key]
            elif isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
                obj[key] = int(value)

    rewrite(variant["incident"])
    for section in SECTIONS:
        items = variant[section]
        for item in items:
            rewrite(item)
        variant[section] = data.draw(st.permutations(items))
    return variant


@settings(deadline=None, max_examples=60)
@given(retros(), st.data())
def test_any_way_of_writing_a_valid_document_normalises_to_the_canonical_one(retro: Retro, data: st.DataObject) -> None:
    canonical = dump(retro)
    variant = _normalisable_variant(canonical, data)
    assert load_document(json.dumps(variant)) == retro
    assert dumps(load_document(variant)) == dumps(retro) == json.dumps(canonical, ensure_ascii=False, indent=2)


def test_empty_sections_may_be_left_out() -> None:
    demo = dump(build_demo_retro())
    retro = load_document({"format": FORMAT_NAME, "version": 1, "incident": demo["incident"]})
    assert retro.incident == build_demo_retro().incident
    assert retro.entities() == []


# -- the text itself -----------------------------------------------------------------------------


def test_output_is_indented_unescaped_utf8_json_in_a_fixed_key_order() -> None:
    text = dumps(build_demo_retro())
    assert text.startswith('{\n  "format": "blameless-retro",\n  "version": 1,\n  "incident": {\n    "id": ')
    assert "Tomás Herrera" in text and "\\u" not in text
    assert list(json.loads(text)) == ["format", "version", "incident", *SECTIONS]
    assert text == dumps(build_demo_retro())


def test_times_are_utc_iso_8601_with_offset_and_dates_are_iso() -> None:
    document = dump(build_demo_retro())
    assert document["incident"]["started_at"] == "2026-10-14T08:05:00+00:00"
    assert all(e["at"].endswith("+00:00") for e in document["timeline"])
    assert {a["due"] for a in document["actions"]} >= {"2026-11-13"}


def test_timeline_is_written_in_time_order_and_statements_in_speaking_order() -> None:
    document = dump(build_demo_retro())
    times = [e["at"] for e in document["timeline"]]
    assert times == sorted(times)
    assert [s["order"] for s in document["accountability"]] == [1, 2, 3]
    assert [a["question"] for a in document["review"]] == [q.key for q in REVIEW_QUESTIONS]


def test_roles_are_written_in_a_stable_order() -> None:
    document = dump(build_demo_retro())
    aiko = next(p for p in document["participants"] if p["name"] == "Aiko Tanaka")
    assert aiko["roles"] == ["scribe", "responder"]


def test_a_time_without_timezone_cannot_be_written() -> None:
    retro = build_demo_retro()
    retro.incident = replace(retro.incident, created_at=datetime(2026, 10, 15, 8, 0))
    with pytest.raises(DocumentError) as caught:
        dumps(retro)
    assert caught.value.path == "$.incident.created_at"


def test_positions_are_written_as_finite_numbers_with_one_zero() -> None:
    retro = build_demo_retro()
    factor = retro.factor_list()[0]
    retro.factors[factor.id] = replace(factor, x=-0.0)
    written = dump(retro)["factors"][_position(dump(retro), factor.id)]["x"]
    assert math.copysign(1.0, written) == 1.0
    retro.factors[factor.id] = replace(factor, y=float("inf"))
    with pytest.raises(DocumentError) as caught:
        dumps(retro)
    assert caught.value.path == f"$.factors[{_position(dump(build_demo_retro()), factor.id)}].y"


def _position(document: dict[str, Any], factor_id: str) -> int:
    return [f["id"] for f in document["factors"]].index(factor_id)


def test_reading_does_not_change_what_it_was_given() -> None:
    document = dump(build_demo_retro())
    before = copy.deepcopy(document)
    load_document(document)
    assert document == before


# -- refusals ------------------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], Any]


def _set(section: str, index: int, key: str, value: Any) -> Mutation:
    return lambda d: d[section][index].__setitem__(key, value)


def _drop(section: str, index: int, key: str) -> Mutation:
    return lambda d: d[section][index].pop(key)


def _incident(key: str, value: Any) -> Mutation:
    return lambda d: d["incident"].__setitem__(key, value)


def _index_of(d: dict[str, Any], section: str, **match: Any) -> int:
    return next(i for i, item in enumerate(d[section]) if all(item[k] == v for k, v in match.items()))


def _leader_loses_role(d: dict[str, Any]) -> None:
    leader = d["participants"][_index_of(d, "participants", roles=["leader"])]
    leader["roles"] = ["responder"]


def _wont_do_without_reason(d: dict[str, Any]) -> None:
    d["actions"][2].update(status="wont_do", status_reason=" ")


# (what, mutation of the demo document, JSON path reported, words the message must contain)
MALFORMED: list[tuple[str, Mutation, str, str]] = [
    ("format missing", lambda d: d.pop("format"), "$.format", "blameless-retro"),
    ("wrong format", lambda d: d.__setitem__("format", "morgue"), "$.format", "not a Blameless Retro document"),
    ("newer version", lambda d: d.__setitem__("version", 2), "$.version", f"version {FORMAT_VERSION}"),
    ("version as text", lambda d: d.__setitem__("version", "1"), "$.version", "whole number"),
    ("version as boolean", lambda d: d.__setitem__("version", True), "$.version", "whole number"),
    ("version zero", lambda d: d.__setitem__("version", 0), "$.version", "start at 1"),
    ("version missing", lambda d: d.pop("version"), "$.version", "missing"),
    ("incident missing", lambda d: d.pop("incident"), "$.incident", "missing"),
    ("incident not an object", lambda d: d.__setitem__("incident", []), "$.incident", "an object"),
    ("unknown top-level key", lambda d: d.__setitem__("extra", 1), "$.extra", "known fields"),
    ("private notes smuggled in", lambda d: d.__setitem__("private_notes", []), "$.private_notes", "never"),
    ("key needing brackets", lambda d: d.__setitem__("my key", 1), '$["my key"]', "not a field"),
    ("title missing", lambda d: d["incident"].pop("title"), "$.incident.title", "missing"),
    ("title blank", _incident("title", "  "), "$.incident.title", "required"),
    ("unknown incident key", _incident("colour", "red"), "$.incident.colour", "known fields"),
    ("unknown severity", _incident("severity", "sev0"), "$.incident.severity", "'sev1', 'sev2', 'sev3', 'sev4'"),
    ("unknown timezone", _incident("timezone", "Mars/Olympus"), "$.incident.timezone", "not a known timezone"),
    ("naive lifecycle time", _incident("resolved_at", "2026-10-14T11:47:00"), "$.incident.resolved_at", "offset"),
    ("archived as text", _incident("archived", "yes"), "$.incident.archived", "true or false"),
    ("services not a list", _incident("services", "checkout"), "$.incident.services", "a list"),
    ("blank service", _incident("services", ["checkout", ""]), "$.incident.services[1]", "required"),
    ("sections not a list", lambda d: d.__setitem__("timeline", {}), "$.timeline", "a list"),
    ("event not an object", lambda d: d["timeline"].__setitem__(2, "boom"), "$.timeline[2]", "an object"),
    ("event time missing", _drop("timeline", 3, "at"), "$.timeline[3].at", "missing"),
    ("naive event time", _set("timeline", 3, "at", "2026-10-14T08:05:00"), "$.timeline[3].at", "offset"),
    ("event time not a time", _set("timeline", 3, "at", "yesterday"), "$.timeline[3].at", "ISO 8601"),
    ("event time a number", _set("timeline", 3, "at", 1791966300), "$.timeline[3].at", "text"),
    ("unknown event kind", _set("timeline", 3, "kind", "alarm"), "$.timeline[3].kind", "'customer_report'"),
    ("unknown audience", _set("timeline", 0, "audience", "everyone"), "$.timeline[0].audience", "'public'"),
    ("evidence link not a link", _set("timeline", 2, "evidence_url", "grafana"), "$.timeline[2].evidence_url", "link"),
    ("NUL in text", _set("timeline", 0, "text", "a\x00b"), "$.timeline[0].text", "NUL"),
    ("lone surrogate", _set("timeline", 0, "source", "\ud800"), "$.timeline[0].source", "surrogate"),
    ("duplicate event id", lambda d: d["timeline"][5].__setitem__("id", d["timeline"][1]["id"]), "$.timeline[5].id", "$.timeline[1]"),
    ("blank id", _set("timeline", 0, "id", ""), "$.timeline[0].id", "id"),
    ("unknown role", _set("participants", 1, "roles", ["boss"]), "$.participants[1].roles[0]", "'leader'"),
    ("role twice", _set("participants", 1, "roles", ["scribe", "scribe"]), "$.participants[1].roles[1]", "twice"),
    ("position as text", _set("participants", 0, "position", "1"), "$.participants[0].position", "whole number"),
    ("coordinate as text", _set("factors", 0, "x", "left"), "$.factors[0].x", "number"),
    ("impact id used by a factor", lambda d: d["impacts"][0].__setitem__("id", d["factors"][2]["id"]), "$.impacts[0].id", "$.factors[2]"),
    ("link to nowhere", _set("links", 0, "effect_id", "nope"), "$.links[0].effect_id", "'nope'"),
    ("link from the impact", lambda d: d["links"][0].__setitem__("cause_id", d["impacts"][0]["id"]), "$.links[0].cause_id", "contributing factor"),
    ("link to itself", lambda d: d["links"][0].__setitem__("effect_id", d["links"][0]["cause_id"]), "$.links[0].effect_id", "itself"),
    ("same link twice", lambda d: d["links"].append(dict(d["links"][0], id="again")), "$.links[10].effect_id", "$.links[0]"),
    ("evidence for an unknown event", _set("evidence", 0, "event_id", "nope"), "$.evidence[0].event_id", "no timeline event"),
    ("evidence for an unknown factor", _set("evidence", 0, "factor_id", "nope"), "$.evidence[0].factor_id", "no contributing factor"),
    ("same evidence twice", lambda d: d["evidence"].insert(1, dict(d["evidence"][0])), "$.evidence[1]", "twice"),
    ("statement by a stranger", _set("accountability", 2, "participant_id", "nope"), "$.accountability[2].participant_id", "no participant"),
    ("blank statement", _set("accountability", 0, "text", ""), "$.accountability[0].text", "required"),
    ("leader speaks after others", _set("accountability", 0, "order", 99), "$.accountability[1]", "speaks first"),
    ("nobody leads", _leader_loses_role, "$.accountability[0]", "manager / leader"),
    ("action for an unknown factor", lambda d: d["actions"][0]["factor_ids"].append("nope"), "$.actions[0].factor_ids[1]", "'nope'"),
    ("factor addressed twice", lambda d: d["actions"][0]["factor_ids"].append(d["actions"][0]["factor_ids"][0]), "$.actions[0].factor_ids[1]", "twice"),
    ("two owners", _set("actions", 0, "owner", "Jonas and Lena"), "$.actions[0].owner", "exactly one owner"),
    ("won't do without a reason", _wont_do_without_reason, "$.actions[2].status", "reason"),
    ("impossible due date", _set("actions", 0, "due", "2026-13-01"), "$.actions[0].due", "ISO 8601 date"),
    ("due date with a time", _set("actions", 0, "due", "2026-11-13T00:00:00+00:00"), "$.actions[0].due", "ISO 8601 date"),
    ("unknown status", _set("actions", 1, "status", "blocked"), "$.actions[1].status", "'wont_do'"),
    ("unknown review question", _set("review", 0, "question", "why"), "$.review[0].question", "not a review question"),
    ("timezone of 400 characters", _incident("timezone", "a" * 400), "$.incident.timezone", "not a known timezone"),
    ("event time off the calendar", _set("timeline", 3, "at", "9999-12-31T23:59:59-12:00"), "$.timeline[3].at", "between 1900-01-01 and 2999-12-31"),
    ("huge incident version", _incident("version", 10**40), "$.incident.version", "outside the whole numbers"),
    ("version past 32 bits", lambda d: d.__setitem__("version", 2**31), "$.version", "outside the whole numbers"),
    ("huge position", _set("participants", 0, "position", -(10**19)), "$.participants[0].position", "outside"),
    ("huge speaking order", _set("accountability", 1, "order", 2**63), "$.accountability[1].order", "outside"),
    ("question answered twice", lambda d: d["review"][1].__setitem__("question", d["review"][0]["question"]), "$.review[1].question", "$.review[0]"),
]


def _refused(data: Any) -> DocumentError:
    """Load ``data``, insisting it is refused: nothing may be returned."""
    try:
        returned = load_document(data)
    except DocumentError as error:
        return error
    pytest.fail(f"the document was accepted and gave {type(returned).__name__}")


@pytest.mark.parametrize(("mutate", "path", "words"), [pytest.param(*case[1:], id=case[0]) for case in MALFORMED])
def test_malformed_documents_are_refused_with_the_path(mutate: Mutation, path: str, words: str) -> None:
    document = dump(build_demo_retro())
    load_document(copy.deepcopy(document))  # the untouched document is fine
    mutate(document)
    error = _refused(document)
    assert error.path == path
    assert words in error.message
    assert str(error).startswith(f"{path}: ")


def test_the_same_refusal_comes_from_json_text() -> None:
    document = dump(build_demo_retro())
    document["timeline"][3]["kind"] = "alarm"
    assert _refused(json.dumps(document)).path == "$.timeline[3].kind"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        pytest.param('{"format": "blameless-retro",\n  "version": 1,\n}', "line 3, column 1", id="trailing comma"),
        pytest.param("", "line 1, column 1", id="empty"),
        pytest.param(b"\xff\xfe{}", "read as UTF-16", id="a utf-16 bom before utf-8 text"),
        pytest.param(b"{\xff}", "not UTF-8", id="not utf-8"),
        pytest.param("[1, 2]", "an object", id="a list"),
        pytest.param('{"format": "blameless-retro", "format": "x"}', "appears twice", id="duplicate key"),
        pytest.param('{"x": NaN}', "NaN", id="NaN"),
        pytest.param("[" * 100_000, "nested", id="deep nesting"),
        pytest.param('{"format": "blameless-retro", "version": 1' + "0" * 5000 + "}", "5,001 digits", id="endless number"),
    ],
)
def test_text_that_is_not_a_document_is_refused_at_the_top(data: str | bytes, words: str) -> None:
    error = _refused(data)
    assert error.path == "$"
    assert words in error.message


def test_document_errors_are_retro_errors() -> None:
    assert issubclass(DocumentError, RetroError)
    assert DocumentError("$.a", "is odd").message == "is odd"


def test_the_documented_example_is_a_valid_canonical_document() -> None:
    guide = Path(__file__).parents[3] / "docs" / "json-format.md"
    example = guide.read_text(encoding="utf-8").split("```json\n", 1)[1].split("\n```", 1)[0]
    retro = load_document(example)
    assert dumps(retro) == example
    assert len(retro.factors) == 2 and len(retro.actions) == 2


def _text_places(value: Any, path: str = "$") -> list[tuple[str, list[Any]]]:
    """Every place in the document that holds text (the first item of each list), with its JSON path."""
    out: list[tuple[str, list[Any]]] = []
    items = value.items() if isinstance(value, dict) else enumerate(value[:1]) if isinstance(value, list) else ()
    for key, item in items:
        where = f"{path}.{key}" if isinstance(key, str) else f"{path}[{key}]"
        if isinstance(item, str):
            out.append((where, [key]))
        out += [(p, [key, *keys]) for p, keys in _text_places(item, where)] if isinstance(item, dict | list) else []
    return out


def _demo_with_every_text_field() -> dict[str, Any]:
    """The demo document with every optional text field filled, so a field added later is in it too."""
    demo = build_demo_retro()
    return dump(replace(demo, incident=replace(demo.incident, public_apology="We are sorry.",
                                               public_contact="status@example.com", public_mentions=("Acme",))))


TEXT_PLACES = [(p, keys) for p, keys in _text_places(_demo_with_every_text_field())
               if not p.startswith(("$.format", "$.exported_at"))]


@pytest.mark.parametrize("bad", ["\ud800", "a\x00b"], ids=["lone surrogate", "NUL"])
@pytest.mark.parametrize(("path", "keys"), TEXT_PLACES, ids=[p for p, _ in TEXT_PLACES])
def test_unstorable_characters_are_refused_in_every_text_field_with_its_path(path: str, keys: list[Any],
                                                                            bad: str) -> None:
    # One rule covers every text field, the ones added later (public_apology, public_contact) too.
    document = _demo_with_every_text_field()
    parent: Any = document
    for key in keys[:-1]:
        parent = parent[key]
    parent[keys[-1]] = bad
    error = _refused(json.dumps(document).encode("utf-8", "surrogatepass"))
    assert error.path == path, str(error)
