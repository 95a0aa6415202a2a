"""The word lists names are read with: titles, organisation words, words never a name, first names by gender."""

from __future__ import annotations

from functools import lru_cache

# Frequent capitalised function words, dropped before any other work.
FUNCTION_WORDS = frozenset(
    "The A An I But And Or He She It We They You In On At As If For This That These Those There His Her "
    "Its Our Their My When While What Why How So After Before With Not No Yes Now Then Still Yet Also "
    "Some Many Most One Even Just Only Both All Asked Although Because Since Though Until Under Over".split()
)

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
MALE_NAMES = frozenset(
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

FEMALE_NAMES = frozenset(
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

# Title words that are also common surnames ("Paul R. King", "Marcus Dean").
SURNAME_TITLES = frozenset(
    "king bishop judge dean major pope cardinal marshal mayor chancellor".split()
)

# Endings of capitalised role nouns before a name (sentence-initial English, every German noun).
ROLE_ENDINGS = (
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

SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv", "esq", "phd", "md"))

JOINERS = frozenset(
    ("of", "for", "the", "and", "&", "de", "van", "von", "der", "la", "le", "al", "el")
)

WORD_JOINERS = frozenset(("of", "for", "the", "and", "&"))

# Particles that open a surname ("Le Vasseur", "De Marchi", "Van Doorn"); not "Al", more often a first name.
SURNAME_PARTICLES = frozenset(
    ("de", "van", "von", "der", "la", "le", "du", "da", "di", "del", "della", "dos", "das")
)

# Capitalised words of a headline in title case that never stand inside a name (particles such as "of", "de",
# "the" do, and are not among them).
HEADLINE_WORDS = frozenset(
    """Just Said Says Told Is Are Was Were Will Has Have Had To In On At With From By After
Before About Over Into Than That This Who What Why How When Where Which Not Can Could Should Would Does Did Between
Against Amid""".split()
)

# Endings of sentence adverbs ("Interestingly, Brandt", "Unfortunately for Quell"): never a first name.
ADVERB_ENDINGS = (
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

DE_ARTICLES = frozenset(
    "der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner "
    "im am zum zur vom beim".split()
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
    if first in MALE_NAMES:
        return "m"
    if first in FEMALE_NAMES:
        return "f"
    return None
