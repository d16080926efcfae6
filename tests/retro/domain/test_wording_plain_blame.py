"""Blame in ordinary English without the stock phrases: harm told as a person's doing, and its controls.

Each sentence of ``BLAME`` passed the coach unflagged before; each of ``CLEAN`` must stay quiet
(a system as the subject, a deliberate step, a vendor's thing).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retro.domain.wording import check_wording, context_for

CTX = context_for(["Dave Miller", "Sam Lee", "Priya Raman"])

BLAME = [
    "The new hire dropped the production table.",
    "The admin accidentally deleted the bucket.",
    "Sam mistakenly ran the cleanup script twice.",
    "Sam took down the site.",
    "Dave brought prod down during the demo.",
    "The backup was deleted by an engineer.",
    "The firewall was misconfigured by ops.",
    "The release manager pushed it through anyway.",
    "Priya deployed regardless of the warnings.",
    "The DBA ran the migration without a backup.",
    "Sam's change broke checkout.",
    "His commit caused the outage.",
    "The intern's script took down payments.",
    "This was entirely on Sam.",
    "Sam is the reason we were down for an hour.",
    "Sam was the cause of the outage.",
    "Thanks to Dave, checkout was down for an hour.",
    "Because of Sam, we lost an hour of orders.",
    "Priya approved her own change.",
    "Sam decided to skip the tests.",
    "Sam typed the wrong command.",
    "The junior engineer deleted the wrong database.",
    "Priya pointed the job at production by mistake.",
    "Sam deployed to prod instead of staging.",
    "The on-call slept through the page.",
    "Priya went home without handing over.",
    "The engineer on call was nowhere to be found.",
    "Sam made a typo in the config.",
    "Dave left the debug flag on.",
    "Ops failed us.",
    "He never told anyone about the change.",
    "Priya kept the change to herself.",
    "The oncall didn't wake up.",
    "Nobody on the team reviewed it.",
    # the wrong thing done, with the system's part told after it: still told as the person's slip
    "Sam restarted the wrong pod because both pods had the same label.",
    # the controls' neighbours that still blame: a result, not a purpose; left on, then harm
    "Sam took down the site so checkout failed for an hour.",
    "Sam left the debug flag on for a week and checkout broke.",
    "Thanks to Dave, the deploy failed twice.",
    "The vendor's engineer never responded to our page.",
]

CLEAN = [
    "The deploy pipeline skipped the canary.",
    "We lacked a runbook.",
    "Sam deleted the stale pods to free capacity.",
    "The cron job deleted the production backups.",
    "The migration dropped the production table's old index.",
    "We took down the site for planned maintenance.",
    "Priya took checkout offline to stop the data corruption.",
    "The IC brought the API down deliberately to shed load.",
    "Stripe's API broke checkout.",
    "The vendor's outage took down login.",
    "Redis's eviction broke sessions.",
    "The job ran without a backup because none was configured.",
    "We deployed anyway after the freeze ended, as agreed.",
    "Sam's change was rolled back at 14:05.",
    "The script wrongly parsed the date.",
    "The autoscaler took down half the fleet.",
    "The table was dropped at 14:02.",
    "Sam typed the rollback command at 14:10.",
    "The wrong config was loaded because the path defaulted to staging.",
    "Dave left the call at 15:00.",
    "Sam left the flag on for the canary, as planned.",
    "The reason was a race in the scheduler.",
    "Sam was the reason we caught it early.",
    "A typo was the cause of the outage.",
    "Thanks to Dave, the rollback took two minutes.",
    "Thanks to Priya, checkout recovered quickly.",
    "Because of the retry storm, the queue backed up.",
    "Due to the on-call engineer's quick response, impact was small.",
    "This one is on the roadmap.",
    "It was on Sam's laptop.",
    "Sam made a dashboard for queue depth.",
    "Priya approved the change after review.",
    "The job ran against production by design.",
    "The query ran against production by mistake because the default pointed there.",
    "The deploy went to prod instead of staging because both shared one name.",
    "Nobody on the team was paged.",
    # harm that is the object of what the thanked person did, not their doing
    "Thanks to Sam, we caught the outage early.",
    "Thanks to Priya, the failed deploy was rolled back within minutes.",
    "Thanks to Dave, the errors stopped at 14:10.",
    # an organisation is not a person
    "The vendor never responded to our ticket.",
    "Our provider never replied to the escalation.",
    # harm denied
    "Sam's fix broke nothing; checkout recovered.",
    "His change never broke anything.",
    "The intern's script caused no outage.",
    # a deliberate step told by its purpose or its plan
    "The on-call took down the primary so the replica could be promoted.",
    "Sam took the site down at 02:00 as announced in the status page.",
    "Dave brought the API down so that the migration could finish.",
    "Priya took checkout offline as scheduled.",
    # left on or running by choice
    "Sam left the feature flag on for the beta users.",
    "We left the old cluster running for a week as a fallback.",
    # an accident that found, not harmed
    "Sam accidentally found the bug while testing.",
    "Priya inadvertently discovered the leak during the load test.",
]


@pytest.mark.parametrize("sentence", BLAME)
def test_blame_without_stock_phrases_is_flagged(sentence: str) -> None:
    assert check_wording(sentence, CTX), sentence


@pytest.mark.parametrize("sentence", CLEAN)
def test_systems_and_deliberate_steps_stay_quiet(sentence: str) -> None:
    assert check_wording(sentence, CTX) == [], sentence


@given(st.sampled_from(BLAME), st.sampled_from(CLEAN), st.sampled_from(CLEAN))
def test_blame_is_found_among_clean_sentences_and_only_there(blame: str, before: str, after: str) -> None:
    text = f"{before} {blame} {after}"
    found = check_wording(text, CTX)
    start = len(before) + 1
    assert found and all(start <= f.start < start + len(blame) for f in found), [f.phrase for f in found]
