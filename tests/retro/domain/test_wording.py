"""The wording coach on sentences that are not in its corpus: each class, and the traps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retro.domain.wording import WordingContext, WordingKind, check_wording
from tests.benchmarks.bench_wording import load, scores


def kinds(text: str, ctx: WordingContext | None = None) -> set[WordingKind]:
    return {f.kind for f in check_wording(text, ctx or WordingContext())}


@pytest.mark.parametrize("text", [
    "The platform engineer should have spotted the expired token.",
    "If only the reviewer had asked about the migration.",
    "Had the operator paused the job, the queue would have drained.",
    "This outage could have been prevented.",
    "Any experienced developer would have added a timeout.",
])
def test_hindsight_and_counterfactuals(text: str) -> None:
    assert WordingKind.HINDSIGHT in kinds(text) or WordingKind.PERSON in kinds(text), text


@pytest.mark.parametrize("text", [
    "Jorge failed to restore the snapshot in time.",
    "The developer overlooked a missing semicolon in the template.",
    "The release engineer botched the tag.",
    "Wanjiru didn't bother to read the alert text.",
    "The DNS update was rushed through by Sam.",
    "It was Hiroshi's mistake.",
    "The contractor cut corners on the schema change.",
    "The on-call engineer disregarded the second page.",
    "张伟 forgot to renew the domain.",
])
def test_a_person_as_the_subject_of_a_failure(text: str) -> None:
    assert check_wording(text), text


@pytest.mark.parametrize("text", [
    "The cron job failed to run after the daylight-saving change.",
    "The load balancer failed to mark the node unhealthy.",
    "The sidecar ignored the shutdown signal.",
    "The nightly export missed the cutoff.",
    "The config push broke the routing table.",
    "Jorge restored the snapshot at 04:10.",
    "The on-call engineer read the alert and paged the storage team.",
    "Wanjiru did not see the page because her phone was on the old number.",
    "The step to pause writes was easy to overlook in the runbook.",
    "No one is to blame; the tooling allowed it.",
    "The alert should have fired after five minutes of errors.",
    "Carlos promoted the replica at 02:31.",
])
def test_quiet_on_systems_and_neutral_descriptions(text: str) -> None:
    assert check_wording(text) == [], [f.phrase for f in check_wording(text)]


@pytest.mark.parametrize("text", ["The deploy was reckless.", "That was an incompetent fix.",
                                  "A sloppy query took down the database."])
def test_labels_of_character(text: str) -> None:
    assert WordingKind.CHARACTER in kinds(text)


@pytest.mark.parametrize("text", ["Who approved the firewall change?", "Which engineer restarted the primary?",
                                  "We have to figure out who broke the pipeline."])
def test_questions_about_who(text: str) -> None:
    assert WordingKind.WHO in kinds(text)


def test_questions_about_how_and_owners_are_fine() -> None:
    assert check_wording("How did the firewall change reach production?") == []
    assert check_wording("Who will own the alerting follow-up?") == []


@pytest.mark.parametrize("text", ["Remind the on-call engineers to read the whole alert.",
                                  "Retrain the support team on the escalation policy.",
                                  "Developers should be more careful with feature flags."])
def test_remedies_aimed_at_people(text: str) -> None:
    assert WordingKind.REMEDY in kinds(text)


def test_remedies_aimed_at_the_system_are_fine() -> None:
    assert check_wording("Add a guard that refuses to delete a non-empty bucket.") == []
    assert check_wording("Retrain the ranking model with the fixed labels.") == []


@pytest.mark.parametrize("text", ["The frontend team broke checkout again.", "Nobody bothered to test the restore.",
                                  "Everyone ignored the capacity warning."])
def test_collective_blame(text: str) -> None:
    assert WordingKind.COLLECTIVE in kinds(text)


def test_first_person_ownership_is_welcome_in_a_statement() -> None:
    owned = WordingContext(ownership=True)
    assert check_wording("I decided to skip the staging run to make the date.", owned) == []
    assert check_wording("I should have pushed for a rollback plan.", owned) == []
    assert check_wording("We failed to give the team time for load tests, and that was my call.", owned) == []
    assert check_wording("The on-call engineer should have escalated.", owned)
    assert check_wording("Priya ignored my request to pause the rollout.", owned)


def test_participants_names_count_as_people_even_when_they_are_words() -> None:
    ctx = WordingContext.of(["Will Summers", "Grace Hopper"])
    assert check_wording("later will failed to rotate the key", ctx)
    assert check_wording("later will failed to rotate the key") == []


def test_a_finding_has_the_span_the_phrase_and_a_question() -> None:
    text = "At 14:02 the engineer failed to check the graph."
    (finding,) = check_wording(text)
    assert text[finding.start:finding.end] == finding.phrase == "failed to"
    assert finding.question.endswith("?") and finding.kind is WordingKind.PERSON


def test_nothing_typed_is_changed_and_odd_input_is_fine() -> None:
    for text in ["", "   ", "\u200b", "<b>Sam</b> failed to", "x" * 5000, "🙂 " * 300]:
        assert isinstance(check_wording(text), list)


def test_the_corpus_is_large_labelled_and_split() -> None:
    dev, test = load("dev"), load("test")
    assert len(dev) + len(test) >= 300 and len(test) >= 150
    assert not {s.text for s in dev} & {s.text for s in test}
    assert sum(s.blame for s in test) > 80 and sum(not s.blame for s in test) > 80


def test_the_dev_part_stays_clean() -> None:
    precision, recall, _fp, _fn = scores("dev")
    assert precision >= 0.95 and recall >= 0.95


def _corpus_texts() -> list[str]:
    return [s.text for part in ("dev", "test") for s in load(part)]


@pytest.mark.parametrize("ownership", [False, True])
def test_the_trigger_gate_never_changes_a_finding(ownership: bool) -> None:
    # Each rule runs only on sentences holding one of its trigger words; running every rule on
    # the whole text must find exactly the same, sentence by sentence and in one long draft.
    ctx = WordingContext.of(["Sam Okafor", "Wanjiru"], ownership=ownership)
    texts = _corpus_texts()
    for text in texts:
        assert check_wording(text, ctx) == check_wording(text, ctx, every_sentence=True), text
    for glue in (" ", "\n", "\n\n", " — ", "; "):
        draft = glue.join(texts)
        assert check_wording(draft, ctx) == check_wording(draft, ctx, every_sentence=True), repr(glue)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_corpus_texts()) | st.text(max_size=30), min_size=1, max_size=6),
       st.sampled_from([" ", "\n", ", ", " and ", "", "? ", "! "]), st.booleans())
def test_the_gate_holds_on_mixed_drafts(parts: list[str], glue: str, upper: bool) -> None:
    text = glue.join(parts)
    text = text.upper() if upper else text
    assert check_wording(text) == check_wording(text, every_sentence=True)
