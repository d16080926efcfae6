"""The vocabulary of the wording coach: who counts as a person, and which verbs judge them.

Kept apart from the rules in :mod:`retro.domain.wording` so the word lists can grow without the
rules growing with them. Every list is lower case.
"""

# ruff: noqa: SIM905  # word lists read best as one string per list
from __future__ import annotations

#: Subjects that are people: pronouns, roles, job titles, groups.
PRONOUNS = frozenset("he she they you we him her them someone somebody anyone anybody everyone everybody "
                     "nobody whoever".split())
FIRST_PERSON = frozenset({"i", "i'm", "i’ve", "i've", "i'd", "i’d", "me", "myself"})
PERSON_NOUNS = frozenset("""
engineer engineers developer developers dev devs sre sres operator operators oncall on-call on-caller
on-callers responder responders admin admins administrator administrators sysadmin sysadmins dba dbas
manager managers lead leads intern interns contractor contractors hire hires employee employees staff
person people colleague colleagues teammate teammates reviewer reviewers author authors approver
approvers commander ic folks guy guys pm pms owner owners tester testers analyst analysts architect
architects consultant consultants coworker coworkers co-worker co-workers human humans individual
individuals member members newcomer newcomers junior juniors senior seniors programmer programmers
technician technicians agent agents rep reps representative representatives director directors vp
executive executives cto ceo leadership management qa ops devops secops netops support sales
team teams squad squads crew department org group tribe engineering
""".split())
#: Organisations outside ours: what they do (or do not do) is a system's doing, never a person's.
ORGANISATIONS = frozenset("""
vendor vendors partner partners provider providers supplier suppliers upstream carrier carriers isp isps
third-party agency agencies registrar registrars host hosts
""".split())
#: Nouns that, after a person noun, make a thing of it ("the on-call page", "the reviewer queue").
PERSON_COMPOUNDS = frozenset("""
page pages pager pagers rotation rotations schedule schedules channel channels runbook runbooks handbook
tool tools tooling dashboard dashboards alert alerts queue queues account accounts laptop laptops phone
script scripts bot bots shift shifts handoff handover checklist checklists process docs doc guide guides
rota notes ticket tickets console portal service services role roles workflow workflows approval approvals
""".split())

#: Group words: blame aimed at these is collective.
GROUP_NOUNS = frozenset("""
team teams squad squads crew department org group tribe ops devops secops netops qa support leadership
management everyone everybody nobody people folks staff engineering devs developers engineers
""".split())

#: Capitalised words that begin sentences or name things, never people.
NOT_NAMES = frozenset("""
the a an this that these those it its our their my your his her we they there here then when while after
before during once if as at on in by for from with without within about into over under since until
however meanwhile also later finally first next so but and or not no yes all some any each every many
most few several both either neither none one two three monday tuesday wednesday thursday friday
saturday sunday january february march april may june july august september october november december
today yesterday tomorrow utc gmt redis kafka postgres postgresql mysql nginx kubernetes k8s docker
terraform ansible jenkins github gitlab aws gcp azure linux windows dns cdn api http https tls ssl
elasticsearch consul vault prometheus grafana pagerduty slack jira datadog sentry cloudflare
cloudfront lambda ec2 s3 rds helm istio envoy haproxy memcached rabbitmq zookeeper cassandra mongodb
spark airflow celery sidekiq rails django node java python go rust chrome safari firefox android ios
alerting monitoring traffic nothing everything something deploy deploys deployment deployments
rollout rollback release releases alerts alert latency errors requests writes reads queries
customers users checkout payments billing search login auth
""".split())

#: Adverbs and auxiliaries between a subject and its verb ("Sam also never …").
SKIP_WORDS = frozenset("""
also then later again still simply just never repeatedly completely totally clearly obviously apparently
initially first already probably somehow once really actually basically unfortunately sadly again
had has have was were is are be been being did do does had've 'd ’d
""".split())

#: Prepositions and relative words that end a subject's noun phrase ("the alert for the on-call …").
SUBJECT_CUT = frozenset("for to of on in from with at by behind under over about via into onto within "
                        "who which that whose whom where".split())

#: Past participles that name what people do (checks, reviews, escalations) in "should have been …".
HUMAN_ACTION_PARTICIPLES = (
    r"tested|reviewed|caught|noticed|checked|verified|escalated|rolled\s+back|reverted|communicated|"
    r"approved|flagged|spotted|seen|known|done|handled|followed|read|considered|raised|fixed|validated|"
    r"double-checked|paged|told|informed|asked|questioned|reported|monitored|watched|investigated|"
    r"anticipated|foreseen|prevented|avoided|stopped|blocked|rejected|declined|postponed|delayed|"
    r"updated|documented|announced|shared|coordinated|planned|scheduled|staged|canaried|started|begun|"
    r"called|declared|opened|run|performed|restarted|drained|stopped|rotated|renewed|deployed|backed\s+up"
)

#: Past participles that do not end like one ("had the developer run …", "had they set …").
IRREGULAR_PARTICIPLES = (
    r"run|rerun|put|set|cut|let|shut|hit|made|kept|left|sent|spent|built|held|paid|got|forgot|begun|spun|"
    r"stuck|split|spread|quit|read|said|done|gone|sat|met|lost|won"
)

#: What customers use, as the object of "took down …" ("took down the site", "brought prod down").
HARMED = (r"(?:the\s+|our\s+|all\s+of\s+)?(?:whole\s+|entire\s+)?(?:prod|production|site|website|service|"
          r"cluster|database|db|api|app|platform|checkout|payments|login|everything|primary)(?![\w-])")

#: Verbs that judge whatever does them, so they read as blame only with a person as the subject.
PERSON_VERBS = (
    r"fail(?:s|ed|ing)?\s+to|neglect(?:s|ed|ing)?(?:\s+to)?|forg(?:o|e)t(?:s|ten|ting)?(?:\s+to|\s+about)?|"
    r"overlook(?:s|ed|ing)?|ignor(?:e|es|ed|ing)|disregard(?:s|ed|ing)?|miss(?:es|ed|ing)?|"
    r"skip(?:s|ped|ping)?|bypass(?:es|ed|ing)?|rush(?:es|ed|ing)?|misconfigur(?:e|es|ed|ing)|"
    r"mistyp(?:e|es|ed|ing)|misread(?:s|ing)?|mishandl(?:e|es|ed|ing)|misjudg(?:e|es|ed|ing)|"
    r"misunderst(?:ood|and|ands|anding)|broke|breaks|caused|causes|refus(?:e|es|ed|ing)\s+to|"
    r"panick(?:ed|ing)|overrode|rubber[- ]?stamp(?:s|ed|ing)?|"
    r"(?:did\s+not|didn[’']t|never|do\s+not|don[’']t|does\s+not|doesn[’']t|could\s+not|couldn[’']t|"
    r"would\s+not|wouldn[’']t)\s+(?:even\s+)?(?:bother(?:\s+to)?|check|verify|test|review|read|follow|notice|catch|"
    r"look(?:\s+at)?|confirm|validate|escalate|think(?:\s+to)?|ask|wait|realiz?s?e|double-check|"
    r"pay\s+attention|communicate|tell|follow\s+up|listen|care|own|take\s+ownership|"
    r"take\s+responsibility|respond|react|act|speak\s+up|raise|flag|warn|investigate|understand|learn)|"
    r"(?:was|were|wasn[’']t|weren[’']t)\s+(?:not\s+)?(?:paying\s+attention|distracted|too\s+slow|"
    r"too\s+late|asleep|careful|responsive|watching|on\s+top\s+of)|"
    r"took\s+too\s+long|made\s+(?:a|an|the|several|multiple|another)\s+(?:\w+\s+)?"
    r"(?:mistakes?|errors?|blunders?|typos?|bad\s+calls?|wrong\s+calls?)|"
    r"chose\s+to\s+(?:ignore|skip|bypass|deploy|push)|pushed\s+\w+(?:\s+\w+)?\s+without|"
    r"(?:shipped|pushed|deployed|merged|released|committed|rolled\s+out)\s+(?:a|an|the|another|yet\s+another)\s+"
    r"(?:\w+\s+)?(?:broken|bad|buggy|faulty|untested|half-baked)|"
    r"never\s+(?:reads|checks|tests|reviews|follows|looks(?:\s+at)?|confirms|validates|escalates|asks|notices|"
    r"verifies|updates|documents|listens|bothers(?:\s+to)?|cares|responds|answers)|"
    r"(?:deployed|merged|shipped|pushed|ran|applied|approved)\s+(?:\w+\s+){0,3}?without\s+"
    r"(?:\w+\s+)?(?:review|reviewing|testing|tests|checking|approval|a\s+second|looking|reading|asking|"
    r"telling|thinking|waiting|permission|sign-off|backups?|snapshots?|dry[- ]runs?|rollback\s+plan|canary)|"
    r"(?:is|was|are|were)\s+(?:to\s+blame|at\s+fault|(?:solely\s+|directly\s+)?responsible\s+for\s+"
    r"(?:the|this|an?)\s+(?:\w+\s+)?(?:outage|incident|failure|mistake|error|breakage|downtime|"
    r"problem|issue|mess|data\s+loss))|"
    r"let\s+\w+(?:\s+\w+){0,3}\s+(?:slip|through|fall\s+through)"
)

#: Verbs and idioms only people do: blame whatever the subject.
PERSON_IDIOMS = (
    r"botch(?:es|ed|ing)?|mess(?:es|ed|ing)?\s+(?:\w+\s+)?up|screw(?:s|ed|ing)?\s+(?:\w+\s+)?up|"
    r"drop(?:s|ped|ping)?\s+the\s+ball|cut(?:s|ting)?\s+corners|asleep\s+at\s+the\s+(?:wheel|switch)|"
    r"couldn[’']t\s+be\s+bothered|fat[- ]?finger(?:s|ed|ing)?|goof(?:s|ed|ing)?(?:\s+up)?|"
    r"blunder(?:s|ed|ing)?|slack(?:s|ed|ing)\s+off|half[- ]ass(?:ed)?|winged\s+it|cowboy(?:ed|ing)?|"
    r"jump(?:s|ed|ing)?\s+the\s+gun|went\s+rogue|didn[’']t\s+do\s+(?:his|her|their|your)\s+job|"
    r"(?:was|were)\s+(?:asleep|clueless|out\s+to\s+lunch)|wasn[’']t\s+thinking|weren[’']t\s+thinking|"
    r"(?:should|ought\s+to)\s+have\s+known\s+better"
)

#: Labels of character.
LABELS = (
    r"careless(?:ly|ness)?|reckless(?:ly|ness)?|lazy|laziness|lazily|sloppy|sloppily|sloppiness|"
    r"negligen(?:t|ce|tly)|incompeten(?:t|ce|tly)|stupid(?:ity|ly)?|idiot(?:s|ic)?|clueless|"
    r"irresponsib(?:le|ly|ility)|inattentive(?:ness)?|unprofessional(?:ly)?|amateur(?:ish|s)?|"
    r"complacen(?:t|cy|ce)|rookie|foolish(?:ly|ness)?|thoughtless(?:ly|ness)?|absent-minded(?:ly|ness)?|"
    r"inept(?:itude)?|hast(?:y|ily)|cavalier|overconfiden(?:t|ce)|arrogan(?:t|ce)|ignorant|dumb\s+mistake|"
    r"silly\s+mistake|basic\s+mistake|simple\s+mistake|obvious\s+mistake|lack\s+of\s+(?:care|attention|"
    r"diligence|discipline|ownership|accountability|competence|rigou?r|professionalism|common\s+sense|"
    r"awareness)|(?:poor|bad|no)\s+judge?ment|not\s+(?:careful|competent|diligent)\s+enough|"
    r"unforgivable|inexcusable|sloppy\s+work|shoddy|dereliction|attention\s+to\s+detail"
)

#: Blame nouns, used with a possessive ("Sam's mistake", "their fault").
BLAME_NOUNS = r"fault|mistakes?|errors?|oversights?|blunders?|screw-?ups?|negligence|carelessness|failure|" \
              r"slip-?ups?|goofs?|bad|lapse|misstep|doing"

#: People to remind, retrain or tell to be careful.
REMEDY_PEOPLE = (
    r"everyone|everybody|all\s+(?:engineers|staff|developers|devs|operators|teams|hands)|engineers|people|"
    r"staff|the\s+(?:\w+\s+)?team|teams|developers|devs|operators|the\s+on-?call(?:\s+engineers?)?|"
    r"on-?call(?:\s+engineers?)?|new\s+hires|reviewers|him|her|them|the\s+engineers?|the\s+developers?|"
    r"the\s+operators?|the\s+responders?|responders|the\s+author|authors|the\s+reviewer|sres|the\s+sres?"
)


#: More verbs that judge whoever does them, in plain words (kept apart from :data:`PERSON_VERBS` so
#: their common trigger words, "left", "call", "went", do not open the larger expression).
PLAIN_SLIPS = (
    r"(?:pushed|deployed|merged|shipped|released|approved|went\s+ahead|proceeded|carried\s+on)(?:\s+\w+){0,3}?\s+"
    r"(?:anyway|anyways|regardless|despite\s+(?:the\s+|all\s+the\s+)?(?:\w+\s+)?(?:warnings?|alerts?|objections?|"
    r"concerns?|failures?|red\s+flags?|freeze))(?![\w-])|"
    # an action told as a slip of the person ("accidentally deleted", "mistakenly ran")
    r"(?:accidentally|mistakenly|inadvertently|unintentionally|erroneously|wrongly)\s+\w+|"
    # the wrong thing picked, typed or run by a person ("typed the wrong command", "deleted the wrong database")
    r"(?:ran|took|chose|made|put|set|hit|sent|picked|typed|used|deleted|dropped|restarted|edited|changed|deployed|"
    r"pushed|merged|applied|killed|terminated|rebooted|selected|updated|rolled\s+back)\s+(?:\w+\s+){0,2}?"
    r"(?:the|a|an)\s+wrong(?![\w-])|"
    r"(?:deployed|pushed|ran|applied|shipped|released)\s+(?:\w+\s+){0,3}?(?:to|on|against|in)\s+(?:prod|production)\s+"
    r"instead\s+of|"
    # what a person did not do, told in plain words
    r"slept\s+through|(?:was|were)\s+nowhere\s+to\s+be\s+(?:found|seen)|went\s+home\s+without|"
    r"never\s+(?:told|informed|mentioned|warned|answered|responded|replied|called|showed\s+up|handed\s+over)|"
    r"(?:did\s+not|didn[’']t)\s+(?:wake\s+up|show\s+up|hand\s+over|pick\s+up|answer|reply)|"
    r"kept\s+(?:it|this|that|the\s+\w+(?:\s+\w+)?)\s+to\s+(?:him|her|them)sel(?:f|ves)|"
    r"failed\s+(?:us|the\s+team|everyone|the\s+customers?|our\s+customers)(?![\w-])|"
    r"(?:approved|reviewed|merged|signed\s+off\s+on)\s+(?:his|her|their)\s+own|"
    r"(?:decided|opted|elected)\s+(?:not\s+to\s+\w+|to\s+(?:ignore|skip|bypass|disable|override))|"
    r"(?:is|was|were)\s+the\s+(?:main\s+|real\s+|only\s+|whole\s+|sole\s+)?(?:reason|cause)\s+(?:we|the|for|why|that|this|of)|"
    r"left\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,2}?(?:on|enabled|open|running|unlocked|exposed|disabled|off)"
    r"(?=\s*(?:[.,;!?]|$|\s+(?:for|after|overnight|in\s+prod|in\s+production|again)\b))|"
    # harm to what customers use, with a person doing it ("took down prod", "dropped the production table")
    r"(?:took|takes|brought|brings|knocked|knocks)\s+(?:down|out)\s+" + HARMED + r"|"
    r"(?:took|takes|brought|brings|knocked|knocks)\s+" + HARMED + r"\s+(?:down|out|offline)|"
    r"(?:dropped|deleted|wiped|truncated|nuked|corrupted|overwrote|destroyed)\s+(?:the\s+|a\s+|an\s+|our\s+)?"
    r"(?:whole\s+|entire\s+)?(?:production|prod|live|customer|customers'?|primary|main)(?![\w-])"
)
