"""Person and organisation names: finding them, stripping titles, and the fullest form in an article."""

from __future__ import annotations

import re
from functools import lru_cache

# A capitalised word (with any trailing period: initials, "Mr.", "U.S.", or a sentence end), and
# sequences of them joined by spaces and name particles (de, van, bin) or "of"/"for".
_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-.]*"
_PARTICLE = r"(?:de|da|del|della|di|du|van|von|der|den|bin|ibn|al|el|la|le|dos|das|ter|of|for)"
_NAME_SEQ = re.compile(rf"{_WORD}(?:[ \u00a0]+(?:{_PARTICLE}[ \u00a0]+)?{_WORD})*")
# Frequent capitalised function words, dropped before any other work.
_FUNCTION_WORDS = frozenset(
    "The A An I But And Or He She It We They You In On At As If For This That These Those There His Her "
    "Its Our Their My When While What Why How So After Before With Not No Yes Now Then Still Yet Also "
    "Some Many Most One Even Just Only Both All Asked Although Because Since Though Until Under Over".split()
)
_ABBREVIATION = re.compile(
    r"(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Prof|Rev|Atty|Supt|Cmdr|Maj|Brig|"
    r"Fr|Sr|Jr|St|Ft|Mt|Lt\.Gen|Maj\.Gen|Brig\.Gen|Pres|Sec|Gen|Messrs|Mme|Mlle|Hon|Amb|Insp|Det|Sgt|Cpl|Pvt)\."
)
_POSSESSIVE = re.compile(r"['’]s?$")

# Words that come before a name as a title or role; dropped from speaker names.
TITLES = frozenset(
    """
mr mrs ms miss mx dr sen senator rep reps representative congressman congresswoman gov governor
president vice deputy minister ministers secretary gen general lt lieutenant col colonel maj major
capt captain sgt sergeant adm admiral cmdr commander prof professor judge justice mayor chairman
chairwoman chair ambassador rev reverend fr father pope king queen prince princess sheikh sir lord
lady dame speaker leader chief spokesman spokeswoman spokesperson director commissioner attorney
former candidate nominee rabbi imam detective officer sheriff prime first majority minority
democratic republican gop presidential hopeful frontrunner billionaire businessman mogul host
anchor columnist author actor actress singer rapper coach chancellor premier emir sultan
defense defence foreign interior finance state house senate u.s. us federal national press
campaign manager executive ceo cfo founder co-founder presiding acting assistant associate
superintendent councilman councilwoman councilmember delegate assemblyman assemblywoman
attorney-general treasurer auditor comptroller registrar clerk inspector marshal counsel adviser
advisor aide strategist analyst pollster economist lawyer official expert researcher editor reporter
writer correspondent commentator consultant operative organizer volunteer supporter activist member
fellow partner owner worker resident voter student teacher historian scholar envoy diplomat
lawmaker legislator politician chairman strategist contributor donor surrogate fundraiser
comedian musician filmmaker producer novelist poet journalist pundit blogger whip recorder advocate
rapper anchorman anchorwoman broadcaster councillor councilor alderman alderwoman selectman trustee physician doctor nurse pastor preacher bishop cardinal democrat republican independent
lt.gen. maj.gen. brig.gen. gen. sen. rep. gov. mr. mrs. ms. dr. prof. pres. sec. atty. supt.
herr frau monsieur madame señor señora signor signora mme. bundeskanzlerin kanzlerin
bundeskanzler kanzler präsident ministerpräsident minister außenminister presidente ministro
président ministre porte-parole sprecher sprecherin bürgermeister bürgermeisterin maire
alcalde alcaldesa sindaco sindaca prefeito prefeita burgemeester kanzlerin ministerin präsidentin
madame monsieur don doña señor señora
""".split()
)

# Words marking an organisation rather than a person.
ORG_WORDS = frozenset(
    """
ministry department committee news post times journal party campaign association institute
university college council court office agency foundation inc corp corporation company group
organization organisation union bureau commission center centre network press times tribune
herald gazette daily magazine reuters ap afp tass ria sputnik rt cnn bbc fox nbc abc cbs msnbc
npr pbs administration government police army navy force forces service services bank fund
board club coalition alliance league federation society network channel radio television tv
republicans democrats pac super administration congress senate house parliament cabinet
kremlin pentagon white school hospital management capital partners holdings llc ltd
associates institute fund trust media studios productions breakfast team camp staff
family administration
 church mosque embassy consulate airlines airways
""".split()
)

# Capitalised words that start sentences or name days, months and places, not people.
NOT_NAME = frozenset(
    """
the a an and but or so yet if when while as at in on of for to from by with after before since
then this that these those there here it its he she they we you i his her their our my your
however meanwhile still also now later earlier today yesterday tomorrow monday tuesday wednesday
thursday friday saturday sunday january february march april may june july august september
october november december jan feb mar apr jun jul aug sep sept oct nov dec
pour selon según para por con sur dans avec für laut mit nach bei aus originaire
zwei drei vier fünf sechs sieben acht neun zehn elf zwölf ende anfang mitte dann
montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz mai juni juli oktober dezember
lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril juin juillet août septembre octobre
novembre décembre lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio
agosto septiembre octubre noviembre diciembre
according asked said says told added but who what why
where how which not no yes well oh all some many most more other another one two three both
even just only last next first during despite although though because until unless whether
instead indeed moreover furthermore thus therefore perhaps maybe americans american ok okay
early late later earlier editorial speaking following according celebrating outside inside across
behind beyond despite without within amid among against toward upon unlike like near
""".split()
)

PRONOUNS = {
    "he": "m",
    "she": "f",
    "him": "m",
    "her": "f",
    "his": "m",
    "hers": "f",
    "they": None,
    "we": None,
    "i": None,
    "it": None,
}

# Common first names with a clear gender, for he/she agreement.
_MALE = frozenset(
    """
donald ted marco jeb ben chris john bernie barack joe mike michael paul rand rick scott bill
jim james robert david richard thomas charles mark steven steve george kevin brian jeff jeffrey
tim timothy tom harry lindsey mitch newt rudy reince roger corey kellyanne sean tony andrew
martin anthony jason eric dan daniel matt matthew peter patrick frank sam samuel larry gary
ryan josh joshua jack jake justin adam alan bob carl doug edward ed fred greg henry howard ian
jerry jon jonathan keith ken kenneth lee luis carlos jose jorge juan miguel pedro vladimir sergei
sergey anatoly mikhail dmitry recep benjamin bashar ali mohammed muhammad ahmed hassan omar
al alex alexander andy arthur barry ben bobby brad bradley brandon bruce bryan chad charlie chuck
clint craig curtis dale dana darren dave dean dennis derek dick don donnie doug douglas drew dwight
earl eddie eli elijah elliot eugene evan franklin gabriel gavin gene gerald gordon grant hank harold
herman hugh jacob jared jay jeb jeremy jesse jim jimmy joel johnny jonah joseph jordan kirk kurt
kyle lance leon leonard lewis lloyd louis luke marcus marvin max mitt morgan nathan neil nick
nicholas noah norman oliver oscar owen phil philip phillip preston ralph randy ray raymond reid
rex richard rob robbie rod rodney roger ron ronald ross roy rudolph russell sid simon stan stanley
stuart terry theodore todd travis trey troy tucker vince vincent wade walter warren wayne wesley
will william willie zach zachary marco reince corey newt mitch orrin rob jeff chuck harry elijah
bernard barney rahm axel tad karl rush glenn hugh lou mick ivan igor viktor boris nikolai
aaron abe abraham ahmad alberto alfred allen alvin amos andre andres angelo antonio archie armando arnold
austin benny bert billy blake bo brent brett brock bud byron caleb calvin cameron carter cecil cedric chester
christopher clarence claude clay clayton cliff clifford clyde cody cole colin conor connor cory cyrus dalton
damian damon danny darius darrell darryl davis dean desmond devin dexter dominic donovan duane dustin dylan
edgar edmund eduardo edwin elias elliott elmer emanuel emmett enrique ernest ernesto ervin ethan everett ezra
felix fernando floyd francis francisco freddie garrett gilbert glen graham gregory guy harvey hector
herbert horace hunter isaac jamal jamie jerome jesus jimmie jody joey johnnie jon josé julian julio junior
kareem keith kelvin kendall kenny kent kerry kurt lamar lane lawrence leo leroy lester levi lincoln lonnie
lorenzo lowell lucas luther lyle mack malcolm manuel marc mario marshall marty mason maurice melvin miles
milton mitchell mohamed moses murray nathaniel ned nelson nolan omar orlando otis pablo percy perry pete
quentin quincy rafael ramon randall reggie reginald ricardo rick ricky riley roberto rocco roland roman
ronnie rory ruben rudy rufus russ salvador santiago saul scotty sergio seth shane shawn sheldon sherman
spencer stephen sterling steve stewart sylvester taylor ted terrence thad theo tobias toby tomas tommy
tony tyler tyrone ulysses vernon victor virgil wallace ward wendell wes wilbur willard winston woodrow xavier
zeke erik lars sven hans dieter klaus wolfgang stefan günter helmut uwe pierre jean jacques françois nicolas
matthias jürgen jörg jens jan lukas tobias florian markus andreas thomas michael frank bernd rainer manfred horst
gunnar anders olaf nils björn magnus henrik jonas mats bjørn
hervé benoît étienne olivier philippe laurent julien mathieu sébastien thierry yves didier gérard bernard alain
joaquín alejandro javier sergio pablo álvaro iñaki andrés ignacio gonzalo rodrigo mateo marco giovanni giuseppe
luca matteo paolo alessandro francesco lorenzo kwame erdem mehmet mustafa ahmet
""".split()
)
_FEMALE = frozenset(
    """
hillary carly nikki sarah elizabeth nancy debbie donna kellyanne ivanka melania megyn hope
huma cheryl jennifer jessica karen laura linda lisa maria mary michelle patricia susan barbara
margaret ann anne anna angela amy emily emma kate katie kathleen katherine catherine claire
diane dianne elaine ellen jane janet jean joan julie julia kelly kim kimberly lauren lynn marie
martha nicole rachel rebecca ruth sandra sharon stephanie teresa theresa tulsi valerie
wendy loretta samantha condoleezza madeleine marine theresa angela ursula christine
abby abigail alexandra alice alicia allison amanda andrea angie april ashley audrey becky beth
betsy betty beverly bonnie brenda brittany candace carla carol caroline carolyn cathy charlotte
chelsea cindy claudia colleen connie courtney crystal cynthia dawn deborah debra denise dolores
doris dorothy edith eileen eleanor elena elaine ella erin eva evelyn faith frances gail gina
gloria grace gretchen hannah harriet heather heidi helen holly irene jackie jacqueline jan jill
joanne jodi joyce judith judy julianne june kara karla kathy kay kayla kirsten kristen lara leah
lillian lily lois lori lucy lydia madison marcia marilyn marsha megan melissa meredith michele
mindy miriam molly monica nadia naomi natalie nina nora olivia pam pamela paula peggy penny
phyllis priscilla rhonda rita roberta robin rosa rose roxanne sally sara shannon sheila shirley
sonia stacey sue suzanne sylvia tammy tara tina tracy vanessa vera veronica victoria virginia
vivian yvonne zoe kirsten jeanne ileana marsha huma jennifer jeanine kellyanne chelsea ivanka
adriana agnes aileen alexis alison alyssa amber amelia annie antoinette arlene autumn ava bailey belinda
bernadette bethany bianca brooke camille candice carmen carrie cassandra cecilia celeste celia charlene
cheryl christina christy constance cora daisy daniela darlene delores diana dianna dora doreen edna
elisa eliza ellen eloise elsa elsie esther estelle ethel eunice fiona florence francine freda georgia
geraldine gertrude gwen gwendolyn hattie hazel hilda ida imogen iris isabel isabella ivy jade jana
janice jasmine jenna jenny jo joanna jocelyn johanna josephine joy juanita kari katharine katrina kristin
kristina kristy krystal lana latoya laurie leslie lila lindsay lindsey lisa lorraine louise lucia lucille
luz mabel mae maggie mandy marcy margo marianne marion marlene maureen maxine melanie mercedes mia
mildred millie mollie muriel myra nancy nell nellie noelle norma olga opal paige patsy pauline pearl
penelope petra rae ramona regina renee rosalind rosemary rosie ruby sabrina sadie selena serena
shana shawna sherry shelby sofia sophia sophie stella susie sybil tamara tanya terri thelma tiffany
toni tricia trisha ursula valeria velma viola violet wanda whitney wilma yolanda brigitte
ingrid sabine elfriede gisela ursula monika petra birgit heike anke katrin kerstin silke jutta ute renate
hanneke astrid sigrid solveig kari liv marit ragnhild
aurélie colette océane nathalie sylvie isabelle sandrine valérie céline émilie camille hélène françoise mathilde
lucía dolores marta carmen pilar montserrat inmaculada concepción mercedes nuria ainhoa itziar begoña rocío
giulia francesca chiara alessandra federica paola
""".split()
)


class Person:
    """A named speaker candidate in an article: its fullest name, title words, gender, kind."""

    # A plain slotted class rather than a dataclass: an article creates dozens, and its __init__ is
    # about twice as fast.
    __slots__ = (
        "name",
        "tokens",
        "gender",
        "is_org",
        "roles",
        "first_pos",
        "last_pos",
        "mentions",
        "pending",
        "source",
        "full_mentions",
        "spoke",
        "last_key",
        "first_key",
        "like",
    )

    def __init__(
        self,
        name: str,
        tokens: tuple[str, ...],
        is_org: bool = False,
        first_pos: int = 0,
        last_key: str = "",
        first_key: str = "",
    ) -> None:
        self.name, self.tokens, self.is_org, self.first_pos = name, tokens, is_org, first_pos
        self.gender: str | None = None
        self.roles: set[str] = set()
        self.last_pos = self.mentions = self.full_mentions = 0
        # Mentions whose surrounding words have not yet been read for roles (see coref.roles_of).
        self.pending: list[Mention] = []
        self.source = ""
        self.spoke = False
        # Whether it can be a he/she (coref.person_like), once asked: fixed once the article's names are read.
        self.like: bool | None = None
        # Keys (see _key) of the last and first tokens, kept with `tokens` for matching short forms.
        self.last_key, self.first_key = last_key, first_key

    def __repr__(self) -> str:
        return f"Person({self.name!r}, gender={self.gender!r}, is_org={self.is_org}, mentions={self.mentions})"


class Mention:
    """A name found in the text, with titles removed."""

    __slots__ = ("start", "end", "name", "titles", "is_org", "name_start")

    def __init__(
        self,
        start: int,
        end: int,
        name: str,
        titles: tuple[str, ...],
        is_org: bool,
        offset: int = 0,
    ) -> None:
        self.start, self.end, self.name, self.titles, self.is_org = start, end, name, titles, is_org
        # Where the name proper begins, after any titles ("Lt. Gen. | Oren Valk").
        self.name_start = start + offset

    def __repr__(self) -> str:
        return f"Mention({self.start}, {self.end}, {self.name!r}, {self.titles!r}, {self.is_org})"


def _norm_token(tok: str) -> str:
    return tok.lower().rstrip(".")


# Title words that are also common surnames ("Paul R. King", "Marcus Dean").
_SURNAME_TITLES = frozenset(
    "king bishop judge dean major pope cardinal marshal mayor chancellor".split()
)


def _title_as_surname(toks: list[str]) -> bool:
    """True for a name ending in a title word used as a surname: a first name or an initial comes before it."""
    if len(toks) < 2 or toks[-1].lower() not in _SURNAME_TITLES:
        return False
    return any(
        _norm_token(t) in _MALE
        or _norm_token(t) in _FEMALE
        or (len(t) == 2 and t[1] == "." and t[0].isupper())
        for t in toks[:-1]
    )


def _hyphenated_title(word: str) -> bool:
    """True for a hyphenated title or role ("co-founder", "editor-in-chief", "Korean-born")."""
    parts = word.split("-")
    return (
        parts[-1] == "born"
        or parts[0] in TITLES
        and all(x in TITLES or x in ("in", "of", "at") for x in parts)
    )


def parse_name(raw: str, start: int = 0) -> Mention | None:
    """Split a capitalised sequence into title words and the name proper; None if no name remains."""
    raw = _POSSESSIVE.sub("", raw.strip())
    toks = raw.replace("\u00a0", " ").split()
    lowered = [t.lower() for t in toks]
    # Leading stop words (sentence starters) are not part of the name.
    i = 0
    while i < len(toks) and (lowered[i] in NOT_NAME or _norm_token(toks[i]) in NOT_NAME):
        i += 1
    if i >= len(toks):
        return None
    # Everything up to the last title word is a title ("Vermont Sen. Orla Brandt").
    last_title = -1
    j = i
    while j < len(toks) - 1:
        n = lowered[j]
        if n in TITLES or n.rstrip(".") in TITLES or ("-" in n and _hyphenated_title(n)):
            last_title = j
            if lowered[j + 1] == "of" and j + 2 < len(toks):
                last_title = j = j + 2  # "Secretary of State", "Democrat of Tennessee"
        j += 1
    name_toks = toks[max(i, last_title + 1) :]
    # (A capitalised particle opening a name is part of it: "Al Brannock", "De Marchi", "Le Vasseur", "Van Doorn".)
    while name_toks and (
        (
            name_toks[0].lower() in _JOINERS
            and (
                len(name_toks) == 1
                or not name_toks[0][:1].isupper()
                or name_toks[0].lower() in _WORD_JOINERS
            )
        )
        or (last_title >= i and len(name_toks) > 1 and name_toks[0].lower() in NOT_NAME)
    ):
        name_toks.pop(
            0
        )  # "U.S. While Quell": a sentence opening after an abbreviation taken for a title
    while name_toks and (
        name_toks[-1].lower() in _JOINERS or name_toks[-1].lower().rstrip(".") in _SUFFIXES
    ):
        name_toks.pop()  # "Harold T. Wren Jr." is Harold T. Wren
    # As with titles, everything up to the last role noun is a role: "Ecologist Hanneke Vos",
    # "Geschäftsführer Ralf Lindemann", "Velmoras Trainer Gunnar Frøseth".
    role_at = max((k for k in range(len(name_toks) - 1) if _is_role_noun(name_toks[k])), default=-1)
    role_words = [t.lower() for t in name_toks[: role_at + 1]]
    name_toks = name_toks[role_at + 1 :]
    if not name_toks or all(_norm_token(t) in NOT_NAME for t in name_toks):
        return None
    if (
        name_toks[-1].lower() in TITLES or _norm_token(name_toks[-1]) in TITLES
    ) and not _title_as_surname(name_toks):
        return None  # "Pennsylvania Gov.": a title with no name after it
    if any(_norm_token(t) in ORG_WORDS for t in name_toks) or (
        len(name_toks) == 1 and any(_norm_token(t) in ORG_WORDS for t in toks[i:])
    ):
        # An organisation keeps its whole name ("Harbour Department", "Harwick Ledger").
        org = toks[i:]
        while org and org[-1].lower() in _JOINERS:
            org.pop()
        return Mention(start, start, " ".join(org), (), True)
    cut = next((k for k, t in enumerate(name_toks) if t.lower() in ("of", "for", "and", "&")), None)
    if cut is not None:
        head = name_toks[:cut]
        if not (last_title >= i or len(head) >= 2):
            # "Bank of Port Elm", "Guild of Pilots": a multi-word proper name, not a person.
            return Mention(start, start, " ".join(name_toks), (), True)
        name_toks = head  # "Senator Gail Pruett of Vermont", "Ada Runge of Harborline"
        if not name_toks:
            return None
    titles = tuple(lowered[i : last_title + 1]) if last_title >= i else ()
    return Mention(start, start, " ".join(name_toks), titles + tuple(role_words), False)


# Endings of capitalised role nouns before a name (sentence-initial English, every German noun).
_ROLE_ENDINGS = (
    "ologist",
    "ist",
    "istin",
    "loge",
    "login",
    "führer",
    "führerin",
    "leiter",
    "leiterin",
    "chef",
    "chefin",
    "ingenieur",
    "ingenieurin",
    "sekretär",
    "sekretärin",
    "vorsitzender",
    "vorsitzende",
    "abgeordnete",
    "abgeordneter",
    "fighter",
    "author",
    "maker",
    "worker",
    "keeper",
    "officer",
    "sprecher",
    "sprecherin",
    "direktor",
    "direktorin",
    "präsident",
    "präsidentin",
    "minister",
    "ministerin",
    "trainer",
    "trainerin",
    "beauftragte",
    "beauftragter",
)


def _is_role_noun(tok: str) -> bool:
    """True for a capitalised word naming a role rather than a person ("Ecologist", "Ökologin", "Co-author")."""
    low = tok.lower()
    if low in _MALE or low in _FEMALE or not tok[:1].isupper():
        return False
    return low.endswith(_ROLE_ENDINGS) and len(low) >= 6


_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv", "esq", "phd", "md"))
_JOINERS = frozenset(
    ("of", "for", "the", "and", "&", "de", "van", "von", "der", "la", "le", "al", "el")
)
_WORD_JOINERS = frozenset(("of", "for", "the", "and", "&"))
# Particles that open a surname ("Le Vasseur", "De Marchi", "Van Doorn"); not "Al", more often a first name.
_SURNAME_PARTICLES = frozenset(
    ("de", "van", "von", "der", "la", "le", "du", "da", "di", "del", "della", "dos", "das")
)


@lru_cache(maxsize=65536)
def _parsed(raw: str) -> tuple[str, tuple[str, ...], bool, int, str | None] | None:
    """`parse_name` of a run, memoised: name, titles, is_org, offset of the name, and its surname when
    that surname is also a common word ("Hollis Early": "Early"), else None."""
    men = parse_name(raw)
    if men is None:
        return None
    offset = raw.find(men.name.split(" ", 1)[0]) if men.titles else 0
    last = men.name.rpartition(" ")[2]
    word_surname = (
        last if last != men.name and not men.is_org and last.lower() in NOT_NAME else None
    )
    return men.name, men.titles, men.is_org, max(offset, 0), word_surname


_AFTER_GERUND = re.compile(
    r" (?:on|in|at|to|for|with|about|from|the|a|an|his|her|their|its|that|through|over|after|before|up|out)\b"
)
_PLAIN_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz,;0123456789")
_OPENERS = frozenset('.!?:\n"“”\x00')


# Capitalised words of a headline in title case that never stand inside a name (particles such as "of", "de",
# "the" do, and are not among them).
_HEADLINE_WORDS = frozenset(
    """Just Said Says Told Is Are Was Were Will Has Have Had To In On At With From By After
Before About Over Into Than That This Who What Why How When Where Which Not Can Could Should Would Does Did Between
Against Amid""".split()
)


def _pieces(raw: str, pos: int) -> list[tuple[str, int, int]]:
    """Split a capitalised run at sentence-ending periods ("Quell. Brandt"), dropping those periods."""
    out = []
    start = 0
    i = 0
    for tok in raw.split(" "):
        j = i + len(tok)
        if tok.endswith(".") and not _ABBREVIATION.fullmatch(tok):
            if j - 1 > start:
                out.append((raw[start : j - 1], pos + start, pos + j - 1))
            start = j + 1
        elif tok.endswith(("'s", "’s", "s'", "s’")) and j < len(raw):
            # "The Harwick Ledger's Ann Roe", "Port News’ Ivo Marten": the possessor and the person are
            # two names.
            out.append((raw[start:j], pos + start, pos + j))
            start = j + 1
        elif i > 0 and tok in _HEADLINE_WORDS and j < len(raw):
            # A headline in title case: "Omar Vell Just Said Something Surprising About Lena Dorr" is no one name.
            if i - 1 > start:
                out.append((raw[start : i - 1], pos + start, pos + i - 1))
            start = j + 1
        i = j + 1
    if start < len(raw):
        out.append((raw[start:], pos + start, pos + len(raw)))
    return out


@lru_cache(maxsize=65536)
def _split(raw: str) -> tuple[tuple[str, int, int, tuple | None], ...] | None:
    """`_pieces` of a capitalised run with offsets relative to it and each piece's `_parsed`, memoised: the
    same runs recur.  None for a single word never taken for a name (see word_surnames in find_mentions)."""
    if " " not in raw and raw.lower() in NOT_NAME:
        return None
    split = (
        "." in raw
        or "s " in raw
        or "’ " in raw
        or "' " in raw
        or (" " in raw and not _HEADLINE_WORDS.isdisjoint(raw.split(" ")[1:]))
    )
    pieces = _pieces(raw, 0) if split else ((raw, 0, len(raw)),)
    # A single word that is no name stays none whatever find_mentions trims: dropped here.
    return tuple(
        (piece, a, b, got)
        for piece, a, b in pieces
        if (got := _parsed(piece)) is not None or " " in piece
    )


# Capitalised forms of the words never taken for a name, tested before anything else (most matches).
_SKIP_WORDS = (
    _FUNCTION_WORDS
    | {w.capitalize() for w in NOT_NAME}
    | {w.upper() for w in NOT_NAME if len(w) > 1}
)


def _used_in_lower_case(text: str, low: str) -> bool:
    """True when the text has `low` as a word in lower case (followed by a space, comma or period)."""
    needle = " " + low
    n = len(needle)
    i = text.find(needle)
    while i >= 0:
        if text[i + n : i + n + 1] in _WORD_ENDS:
            return True  # one scan of the text where three `in` tests took three
        i = text.find(needle, i + n)
    return False


_WORD_ENDS = frozenset((" ", ",", "."))
# Endings of sentence adverbs ("Interestingly, Brandt", "Unfortunately for Quell"): never a first name.
_ADVERB_ENDINGS = (
    "ally",
    "ously",
    "ntly",
    "ngly",
    "ately",
    "ively",
    "edly",
    "arly",
    "ibly",
    "ably",
    "fully",
)


_DE_ARTICLES = frozenset(
    "der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner "
    "im am zum zur vom beim".split()
)
_DE_ARTICLE_BEFORE = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(_DE_ARTICLES, key=len, reverse=True)) + r")[ \u00a0]+$", re.I
)


def _german_noun(text: str, raw: str, pos: int) -> bool:
    """True for a German capitalised run that follows an article ("aus der Angst", "Ein Eingreifen der Regierung").

    German capitalises every noun; after an article a capital is a noun, unless it is a role before a name
    ("die Verkehrsministerin Colette Brennan-Achterberg").
    """
    first, _, rest = raw.partition(" ")
    if first.lower() in _DE_ARTICLES:
        first = rest.partition(" ")[0]
    elif not _DE_ARTICLE_BEFORE.search(text, max(0, pos - 8), pos):
        return False
    return bool(first) and not (_is_role_noun(first) or first.lower().rstrip(".") in TITLES)


def find_mentions(
    text: str,
    start: int = 0,
    end: int | None = None,
    lang: str | None = None,
    make: type[Mention] = Mention,
) -> list[Mention]:
    """Every capitalised name-like sequence in text[start:end], titles stripped (`lang` "de": nouns skipped).

    `make` is the class of the mentions made (a subclass of Mention taking the same arguments).
    """
    out = []
    german = lang == "de"
    append = out.append
    vocabulary = None
    skip = _SKIP_WORDS
    # Surnames that are also common words ("Tova From", "Hollis Early"): later alone, mid-sentence, still names.
    word_surnames: set[str] = set()
    for m in _NAME_SEQ.finditer(text, start, len(text) if end is None else end):
        raw = m.group()
        pieces = None if raw in skip else _split(raw)
        if pieces is None:
            if word_surnames and raw in word_surnames and _mid_sentence(text, m.start()):
                append(make(m.start(), m.end(), raw, (), False))
            continue
        base = m.start()
        for raw, pos, stop, got in pieces:
            piece = raw
            pos += base
            stop += base
            if pos > 1 and text[pos - 1] == "-" and text[pos - 2].isdigit():
                continue  # "die 68-Jährige", "a 30-Year plan": a compound's capitalised tail, not a name
            while german and raw and _german_noun(text, raw, pos):
                # Drop the article and the noun; a name may follow, in apposition ("der Imker Konrad Wiesholz")
                # or after "von" ("im Küchenschrank von Elfriede Baumgartner"); after another article
                # ("Ein Eingreifen der Regierung") the rest is a noun too.
                toks = raw.split(" ")
                k = 2 if toks[0].lower() in _DE_ARTICLES else 1
                if k < len(toks) and toks[k] == "von":
                    k += 1
                if k >= len(toks) or toks[k].lower() in _DE_ARTICLES or toks[k].islower():
                    raw = ""
                    break
                cut = len(" ".join(toks[:k])) + 1
                pos += cut
                raw = raw[cut:]
            if not raw:
                continue
            # Sentence-initial?  Look back over spaces and closing quotes to the previous mark.
            j = pos - 1
            if j > 0 and text[j] == " " and text[j - 1] in _PLAIN_BEFORE:
                initial = False  # the common case, "… said Name": decided without walking back
            else:
                while j >= 0 and text[j] in " \u00a0'’":
                    j -= 1
                # (A blanked quote that ends without a period runs on: '"…," Will said' is mid-sentence.)
                initial = j < 0 or (
                    text[j] in _OPENERS and not (text[j] == '"' and j > 0 and text[j - 1] == "\x00")
                )
            if initial:
                # A sentence-initial word the article also uses in lower case is not a name ("Maybe Quell").
                if vocabulary is None:
                    vocabulary = {}
                first, _, rest = raw.partition(" ")
                low = first.lower()
                common = vocabulary.get(low)
                if common is None:
                    common = vocabulary[low] = low not in TITLES and (
                        len(low) >= 8
                        and low.endswith(_ADVERB_ENDINGS)
                        or _used_in_lower_case(text, low)
                    )
                if (
                    not common
                    and not rest
                    and low.endswith("ing")
                    and _AFTER_GERUND.match(text, stop)
                ):
                    continue  # "Reflecting on his career, ...": a participle opening the sentence
                if common:
                    if not rest:
                        continue
                    raw, pos = rest, pos + len(first) + 1
            if raw is not piece:
                got = _parsed(raw)  # a shorter run than the memoised piece
            if got is not None:
                name, titles, is_org, offset, word_surname = got
                append(make(pos, stop, name, titles, is_org, offset))
                if word_surname is not None:
                    word_surnames.add(word_surname)
    return out


def _mid_sentence(text: str, pos: int) -> bool:
    """True when the word at `pos` follows a lower-case word or a comma (not a sentence opening)."""
    j = pos - 1
    while j >= 0 and text[j] in " \u00a0":
        j -= 1
    return (
        j >= 0
        and j < pos - 1
        and (
            text[j].islower()
            or text[j] == ","
            or (text[j] == '"' and j > 0 and text[j - 1] == "\x00")
        )
    )


@lru_cache(maxsize=65536)
def gender_of(name: str, titles: tuple[str, ...] = ()) -> str | None:
    """'m', 'f' or None, from an honorific or a common first name."""
    for t in titles:
        t = t.rstrip(".")
        if t in (
            "mr",
            "herr",
            "monsieur",
            "señor",
            "signor",
            "sir",
            "lord",
            "king",
            "prince",
            "congressman",
            "spokesman",
            "chairman",
            "father",
            "councilman",
            "assemblyman",
        ):
            return "m"
        if t in (
            "mrs",
            "ms",
            "miss",
            "frau",
            "madame",
            "mme",
            "señora",
            "signora",
            "lady",
            "dame",
            "queen",
            "princess",
            "congresswoman",
            "spokeswoman",
            "chairwoman",
            "sister",
            "councilwoman",
            "assemblywoman",
            "kanzlerin",
            "sprecherin",
        ):
            return "f"
    first = name.split()[0].lower() if name else ""
    if first in _MALE:
        return "m"
    if first in _FEMALE:
        return "f"
    return None


class NameTable:
    """The people and organisations named in one article, for resolving short mentions."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self._by_last: dict[str, list[Person]] = {}
        self._by_first: dict[str, list[Person]] = {}
        self._exact: dict[str, Person] = {}

    def add(self, men: Mention) -> Person:
        """Record a mention; returns the person it refers to (new or already known)."""
        titles = men.titles
        hint = gender_of("", titles) if titles else None
        known = self._exact.get(men.name) if hint is None else None
        if known is not None:
            if titles:
                known.roles.update(_roles_of_titles(titles))
                if known.gender is None:
                    known.gender = gender_of(known.name, titles)
            known.last_pos = men.start
            known.mentions += 1
            if len(known.tokens) > 1:
                known.full_mentions += 1
            return known
        toks, last, first = _name_keys(men.name)
        n = len(toks)
        # (Only a one-word name can match by first name: with no one of its surname, a longer one is new.)
        person = (
            self._lookup_keys(n, last, first, men.start, hint)
            if n == 1 or last in self._by_last
            else None
        )
        fuller = (
            person is not None
            and n > len(person.tokens)
            and _compatible_keys(
                n, last, first, len(person.tokens), person.last_key, person.first_key
            )
        )
        if person is None and n > 1 and last in self._by_last:
            # A surname with its particle ("Le Vasseur", "De Marchi") is the same person as the full name ending in it.
            for p in self._by_last[last]:
                k = len(p.tokens)
                shorter = toks if n < k else p.tokens if k < n else None
                if (
                    shorter is not None
                    and shorter[0].lower() in _SURNAME_PARTICLES
                    and (p.tokens[k - n :] == toks if n < k else toks[n - k :] == p.tokens)
                ):
                    person, fuller = p, n > k
                    break
        if fuller:
            # A fuller form of a name already seen ("Quell", then "Mara J. Quell").
            person.name, person.tokens, person.last_key, person.first_key = (
                men.name,
                toks,
                last,
                first,
            )
            self._index(person)
        if person is None:
            person = Person(men.name, toks, men.is_org, men.start, last, first)
            self.people.append(person)
            # A new person is in no list yet (see _index).
            self._by_last.setdefault(last, []).append(person)
            if n > 1:
                self._by_first.setdefault(first, []).append(person)
        self._exact[men.name] = person
        if titles:
            person.roles.update(_roles_of_titles(titles))
        if person.last_pos < men.start:
            person.last_pos = men.start
        person.mentions += 1
        if n > 1:
            person.full_mentions += 1
        if person.gender is None:
            person.gender = gender_of(person.name, titles)
        return person

    def _index(self, person: Person) -> None:
        people = self._by_last.setdefault(person.last_key, [])
        if person not in people:
            people.append(person)
        if len(person.tokens) > 1:
            people = self._by_first.setdefault(person.first_key, [])
            if person not in people:
                people.append(person)

    def lookup(
        self, name: str, pos: int = 0, create: bool = False, gender: str | None = None
    ) -> Person | None:
        """The known person a name refers to: same surname (or first name), the fullest form."""
        if not name.split():
            return None
        toks, last, first = _name_keys(name)
        return self._lookup_keys(len(toks), last, first, pos, gender)

    def _lookup_keys(
        self, n: int, last: str, first: str, pos: int, gender: str | None
    ) -> Person | None:
        """`lookup` for a name given as its token count and the keys of its last and first tokens."""
        cands = self._by_last.get(last)
        if cands:
            cands = [
                p
                for p in cands
                if _compatible_keys(n, last, first, len(p.tokens), p.last_key, p.first_key)
            ]
        if gender and cands and len(cands) > 1:
            # "Mrs. Quell" is not Tomas Quell.
            cands = [p for p in cands if p.gender in (None, gender)] or cands
        if not cands and n == 1:
            cands = [p for p in self._by_first.get(first, ()) if len(p.tokens) > 1]
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        # Several people share the surname: the one named most recently before this point.
        before = [p for p in cands if p.first_pos <= pos]
        pool = before or cands
        return max(pool, key=lambda p: (p.mentions, p.last_pos))


@lru_cache(maxsize=65536)
def _name_keys(name: str) -> tuple[tuple[str, ...], str, str]:
    """A name's tokens and the keys of its last and first tokens, memoised: names recur across articles."""
    toks = tuple(name.split())
    return toks, _key(toks[-1]), _key(toks[0])


@lru_cache(maxsize=4096)
def _roles_of_titles(titles: tuple[str, ...]) -> tuple[str, ...]:
    """Title words as role words (without their abbreviation periods)."""
    return tuple(t.rstrip(".") for t in titles)


def _compatible_keys(ns: int, ls: str, fs: str, nf: int, lf: str, ff: str) -> bool:
    """`_compatible` on token counts and the keys of the last and first tokens of both names."""
    if ls != lf:
        return False
    if ns == 1 or nf == 1:
        return True
    return fs == ff or fs[:1] == ff[:1] and (len(fs) <= 2 or len(ff) <= 2)


@lru_cache(maxsize=65536)
def _key(tok: str) -> str:
    return _POSSESSIVE.sub("", tok).lower().rstrip(".")
