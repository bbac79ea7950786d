"""Word lists the rules are made of: reporting verbs with their stance, and speaker words."""

import re

from claims.choices import Stance


def _words(text: str) -> list[str]:
    """The words of a word list written as one string."""
    return text.split()


# Reporting verbs, each with the stance it gives a statement. Plural nouns that look like
# verbs ("reports", "claims", "questions") are left out: they are nouns far more often.
VERB_STANCES: dict[str, str] = {}
for _stance, _verbs in {
    Stance.ASSERTS: """said says say told tells stated claimed alleged alleges accused accuses
        warned warns added adds wrote writes reported announced announces insisted insists
        argued estimated noted stressed explained revealed asserted charged maintained
        maintains concluded predicted suggested indicated cautioned recalled testified
        declared declares asserts argues estimated urged called described branded
        labelled labeled blamed show shows showed found finds denounced
        condemned criticized criticised""",
    Stance.DENIES: """denied denies deny rejected rejects dismissed dismisses refuted refutes
        repudiated""",
    Stance.DISPUTES: """disputed disputes questioned contested challenged countered""",
    Stance.CONFIRMS: """confirmed confirms acknowledged acknowledges admitted admits
        corroborated verified""",
    Stance.RETRACTS: """retracted retracts withdrew""",
}.items():
    for _verb in _verbs.split():
        VERB_STANCES[_verb] = _stance

# Verbs that only report when a falsity word tells what was said ("called it a lie").
NAMING_VERBS = frozenset(["called", "described", "branded", "labelled", "labeled"])
# Phrases of declining to comment; each is a whole frame on its own.
DECLINE_PATTERN = re.compile(
    r"\b(?:declined|refused|declines|refuses)\s+to\s+(?:comment|elaborate|confirm\s+or\s+deny)"
    r"|\b(?:did|would|could)\s+not\s+(?:immediately\s+)?(?:comment|respond\s+to\s+(?:a\s+|requests?\s+)"
    r"|reply\s+to\s+(?:a\s+|requests?\s+)|confirm\s+or\s+deny)",
    re.IGNORECASE,
)
VERB_PATTERN = re.compile(
    r"(?<![\w-])(?:was|were)\s+quoted\s+as\s+saying\b|(?<![\w-])("
    + "|".join(sorted(VERB_STANCES, key=len, reverse=True))
    + r")(?![\w-])"
    r"|" + DECLINE_PATTERN.pattern,
    re.IGNORECASE,
)

# Words saying that what was reported is false: with "said" they make a denial.
FALSITY = re.compile(
    r"\b(?:false|untrue|not\s+true|lies?|fake|fabricat\w*|baseless|groundless|unfounded|"
    r"hoax\w*|nonsense|absurd|defamatory|slander\w*|no\s+basis|without\s+foundation)\b",
    re.IGNORECASE,
)
INACCURACY = re.compile(
    r"\b(?:inaccura\w+|exaggerat\w+|misleading|overstat\w+|understat\w+|not\s+accurate|"
    r"incorrect|wrong)\b",
    re.IGNORECASE,
)

# Common nouns that can speak: "officials said", "a ministry spokesman said".
SPEAKER_NOUNS = frozenset(
    _words(
        """official officials spokesman spokeswoman spokesperson spokespeople minister ministry
        ministers police army military government sources source witnesses witness residents
        analysts analyst experts expert report statement agency company commission office
        department court prosecutors prosecutor authorities authority officers officer
        investigators researchers scientists doctors lawyer lawyers group organisation
        organization spokesmen leader leaders president governor mayor council committee
        diplomats diplomat activists activist monitor observers study survey document
        officers official's team service services watchdog regulator board bank party
        militia forces command heads chief chiefs head representative representatives
        embassy firm firms union unions airline airlines manufacturer supplier operator
        owner owners mission director chairman chairwoman researcher researchers hospital
        hospitals data records figures statistics newspaper broadcaster channel website
        network mayor judge ombudsman inspector inspectors panel programme program ngo
        charity campaigners lawmaker lawmakers legislator mp opposition prime secretary
        ambassador envoy firefighters workers employees staff soldiers survivors
        eyewitnesses relatives medics paramedics nurses teachers students farmers fishermen
        traders economists economist people person insiders"""
    )
)
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
DOCUMENT_NOUNS = (
    "(?:report|statement|document|memo|letter|assessment|study|survey|analysis|audit|review"
    "|filing|finding|communique|communiqué|dossier|cable|briefing|release|tally|count"
    "|estimate|record|poll|census)s?"
)
# Who relays what another said: "seen by the AP", "told Reuters", "as cited by Tass".
ACCESS_VERBS = r"(?:seen|obtained|reviewed|cited|quoted|published|broadcast|aired)"
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
STOPWORDS = frozenset(
    _words(
        """a an the and or but of to in on at by for from with as that this these those it its
        is are was were be been being has have had do does did not no any all some such
        their his her he she they them we our you your i which who whom what when where
        while than then there here also more most into about over after before during since
        until would will could can may might should must said says say told stated added
        according report reports reported claim claims claimed statement statements denied
        denies deny rejected dismissed confirmed disputed other only very own same so if
        just"""
    )
)
