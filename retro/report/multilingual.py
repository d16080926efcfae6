"""A retro written by a multilingual team: every script the report must keep, in every field kind.

Used by ``python -m retro.report.samples`` (``multilingual.pdf``) and by the tests that check
each string extracts from the PDF as typed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from retro.domain import (
    AccountabilityStatement,
    ActionItem,
    ActionType,
    Audience,
    Entity,
    EventKind,
    Factor,
    FactorCategory,
    FactorEvidence,
    FactorLink,
    Impact,
    Incident,
    Participant,
    Retro,
    ReviewAnswer,
    Role,
    Severity,
    TimelineEvent,
)

#: script → (a person's name, a sentence in that script)
SCRIPTS: dict[str, tuple[str, str]] = {
    "latin": ("Zoë Ångström-Łukasiewicz", "Ça déjà vu: naïve façade, São Paulo, Đặng Thị Ngọc Trâm"),
    "greek": ("Γιώργος Παπαδόπουλος", "Η βάση δεδομένων σταμάτησε να απαντά"),
    "cyrillic": ("Анастасия Кузнецова", "Очередь сообщений переполнилась ночью"),
    "arabic": ("محمد عبد الله", "توقفت قاعدة البيانات عن الاستجابة"),
    "hebrew": ("שרה כהן", "השרת הפסיק להגיב לבקשות"),
    "devanagari": ("प्रिया शर्मा", "डेटाबेस ने अनुरोधों का उत्तर देना बंद कर दिया"),
    "thai": ("สมชาย ใจดี", "ฐานข้อมูลหยุดตอบสนอง"),
    "chinese": ("王小明", "数据库停止响应请求"),
    "japanese": ("佐藤ひなた", "データベースが応答しなくなりました"),
    "korean": ("김민준", "데이터베이스가 응답을 멈췄습니다"),
    "emoji": ("Sam 🚀", "Rollback done ✅ 🎉 🔥"),
}

T0 = datetime(2025, 11, 3, 8, 0, tzinfo=UTC)


def multilingual_retro() -> Retro:
    """One retro holding every script of :data:`SCRIPTS` in names, events, factors, statements,
    actions and review answers."""
    scripts = list(SCRIPTS.items())
    incident = Incident(
        id="inc-scripts",
        title="Database stopped answering — " + SCRIPTS["arabic"][1],
        severity=Severity.SEV2,
        summary="A multilingual team's retro. " + " · ".join(text for _, text in SCRIPTS.values()),
        customer_impact="Checkout failed for 40 minutes. " + SCRIPTS["korean"][1],
        services=("checkout",),
        timezone="Asia/Tokyo",
        started_at=T0,
        detected_at=T0 + timedelta(minutes=6),
        declared_at=T0 + timedelta(minutes=9),
        mitigated_at=T0 + timedelta(minutes=40),
        resolved_at=T0 + timedelta(hours=1),
        lessons_learned=SCRIPTS["hebrew"][1] + "\n" + SCRIPTS["devanagari"][1],
        went_well=SCRIPTS["thai"][1],
        got_lucky=SCRIPTS["japanese"][1],
        surprises=SCRIPTS["emoji"][1],
    )
    entities: list[Entity] = []
    for i, (script, (name, _)) in enumerate(scripts):
        roles = frozenset({Role.LEADER}) if i == 0 else frozenset({Role.FACILITATOR}) if i == 1 else frozenset({Role.RESPONDER})
        entities.append(Participant(f"p-{script}", name, roles, i))
    kinds = [EventKind.ALERT, EventKind.DETECTION, EventKind.ACTION, EventKind.OBSERVATION, EventKind.DECISION]
    for i, (script, (_, text)) in enumerate(scripts):
        entities.append(TimelineEvent(
            f"e-{script}", T0 + timedelta(minutes=3 * i), f"{text} ({script})", kinds[i % len(kinds)],
            audience=Audience.PUBLIC,
        ))
    entities.append(Impact("i-1", "Checkout failed"))
    categories = list(FactorCategory)
    previous = "i-1"
    for i, (script, (_, text)) in enumerate(scripts):
        entities.append(Factor(
            f"f-{script}", text, categories[i % len(categories)], f"{script}: {text}", Audience.PUBLIC,
        ))
        entities.append(FactorLink(f"l-{script}", f"f-{script}", previous if i % 3 else "i-1"))
        entities.append(FactorEvidence(f"f-{script}", f"e-{script}"))
        previous = f"f-{script}"
    for i, (script, (_, text)) in enumerate(scripts):
        entities.append(AccountabilityStatement(f"s-{script}", f"p-{script}", f"{text}. ({script})", i + 1))
    for i, (script, (name, text)) in enumerate(scripts):
        entities.append(ActionItem(
            f"a-{script}", f"{text} — {script}", owner=name, due=date(2025, 12, 1) + timedelta(days=i),
            description=f"{script}: {text}", action_type=ActionType.PREVENT, factor_ids=(f"f-{script}",),
        ))
    questions = ["detection", "escalation", "recovery", "prevention", "runbook", "worse"]
    for i, (_, (_, text)) in enumerate(scripts[:len(questions)]):
        entities.append(ReviewAnswer(questions[i], text))
    return Retro.of(incident, entities)
