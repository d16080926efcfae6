"""The short forms a given name is written in: "Alex" for Alexandra, "Bob" for Robert, "Kasia" for Katarzyna.

Teams write each other's short names in the timeline ("Alex confirmed recovery") while the
participant list holds the full one. :func:`short_forms` gives, for a participant's given name
(folded, as :class:`retro.domain.mentions.PeopleMatcher` compares), the forms that still point at
them:

* the usual diminutives and nicknames of :data:`NICKNAMES` (English, and the common Slavic,
  Spanish, German and Italian ones), both ways round where a nickname is itself given as a name;
* the name cut after its fourth letter or later, as long as two letters or more are cut off
  ("Alex", "Alexa" of "Alexandra"; "Chris" of "Christopher"; "Matt" of "Matthew"), written
  capitalised (:func:`prefixes`): a cut name is written as a name, and in lower case it is too
  often a word ("step" of Stephanie, "vict…").

A form that is an ordinary word (:mod:`retro.domain.common_words`) is matched only capitalised,
like every name part ("Will", "Rich"); a cut that is one is not used at all ("Step", "Dona").
"""

from __future__ import annotations

_TABLE = """
abigail: abby abbie gail
albert: al bertie
aleksandr alexander aleksander alexandr alessandro alejandro: alex sasha sanya xander sandro alek olek саша
aleksandra alexandra alessandra alejandra: alex sasha sandra lexi саша
alexey aleksei alexei aleksey: lyosha alyosha lesha алёша лёша
anastasia anastasiya: nastya настя stacy stacey ana
andrew andreas andrei andrey andrzej: andy drew andi andrik
angela: angie
anna: ania anka anya hania
anthony antonio: tony toni
barbara: barb babs basia
benjamin: ben benny benji
bradley: brad
catherine katherine kathryn katharine kathleen caterina katarina: kate katie kathy cathy kat kay katya
charles: charlie chuck chas
christina christine kristina: chris tina kristy chrissy
christopher kristopher: chris kris topher
cynthia: cindy
daniel: dan danny dani
daniela daniella danielle: dani
david: dave davey
deborah debra: deb debbie
dmitry dmitri dmitriy: dima mitya дима
donald: don donny
dorothy: dottie
edward eduardo: ed eddie ted teddy ned
elizabeth elisabeth: liz lizzie beth betty eliza lisa elise libby bettina
ekaterina yekaterina: katya katia катя
evgeny yevgeny evgeniy: zhenya женя
francesco francisco: paco pancho frank franco cesco
frederick: fred freddie
gabriel gabriela gabrielle: gabe gabi gaby
gregory: greg
henry: hank harry
isabel isabella isabelle: izzy bella
jacob: jake
james: jim jimmy jamie
jennifer: jen jenny jenn
jessica: jess jessie
john jonathan: jon johnny jack
joseph: joe joey
jose: pepe
josephine: jo josie
joshua: josh
judith: judy
katarzyna: kasia kasha
kimberly: kim
lawrence laurence: larry
leonard: leo lenny
margaret: maggie meg peggy marge margie greta
maria: masha маша
matthew matthias: matt matty
michael: mike mikey mick mickey mitch
mikhail: misha миша
malgorzata: gosia
natalia natalya nataliya: natasha наташа
nicholas nicolas nikolai nikolay: nick nicky nico kolya коля
pamela: pam
patricia: pat patty trish tricia
patrick: pat paddy
peter pyotr: pete petya петя
philip phillip: phil
rebecca: becky becca
richard: rick ricky rich dick richie
robert roberto: bob bobby rob robbie bert berto
ronald: ron ronnie
samantha: sam sammy
samuel: sam sammy
sergey sergei: seryozha серёжа
stephanie: steph
stephen steven: steve stevie
susan suzanne: sue susie suzy
theodore: theo ted teddy
thomas: tom tommy
timothy: tim timmy
victoria: vicky vic tori
vladimir: vova volodya volodia vlad вова володя
william wilhelm guillermo: will bill billy willy liam
yulia julia: yulya юля
zachary: zach zack
"""


def _table() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for line in _TABLE.strip().splitlines():
        names, _, forms = line.partition(":")
        for name in names.split():
            out.setdefault(name, set()).update(forms.split())
    return {name: frozenset(forms) for name, forms in out.items()}


#: Given name (folded, lower case) -> its usual short forms and nicknames.
NICKNAMES: dict[str, frozenset[str]] = _table()

#: Cuts of a name that are abbreviations in incident text, not names: months, days, common tech words.
_NOT_CUT_TEXT = """
janu febr apri augu sept octo nove dece mond tues wedn thur frid satu sund
admi appl auto back cach chec conf data depl devo dock edit erro fail grap inci logi moni node
over plat poli prod prom quer rele requ sche sear secu serv stag stat supp sync syst test trac
upda user vali
"""
NOT_CUT = frozenset(_NOT_CUT_TEXT.split())


def prefixes(given: str, common: frozenset[str]) -> list[str]:
    """The cuts of ``given`` (folded) that read as a short form of it: four letters or more, two or more cut off."""
    if not given.isalpha() or len(given) < 6:
        return []
    lower = given.lower()
    return [given[:n] for n in range(4, len(given) - 1)
            if lower[:n] not in common and lower[:n] not in NOT_CUT and lower[:4] not in NOT_CUT]


def short_forms(given: str) -> list[str]:
    """The nicknames of ``given`` (folded), capitalised as names are written: "Robert" → "Bob", "Rob" …"""
    forms = NICKNAMES.get(given.lower(), frozenset())
    return sorted(f.capitalize() for f in forms if len(f) >= 3)
