"""Original invented articles for the search tests, and a helper that indexes them."""

from __future__ import annotations

from pathlib import Path

from searcher.article import Article, Quote


def _quoted(body: str, text: str, speaker: str | None) -> Quote:
    start = body.index(text)
    return Quote(text=text, speaker=speaker, start=start, end=start + len(text))


_FERRY = (
    "The regional council of Varemoor voted on Tuesday to keep the night ferry between Kessel Point "
    "and the island of Brannholm running through the winter, after weeks of protests by fishermen "
    "and shop owners who depend on the late crossing.\n\n"
    '"Without the ferry, the island empties out after dark," said Zeynep Aydoğan, who runs the '
    'harbour bakery and led the petition. "We asked for one boat, not a bridge."\n\n'
    "Council member Halvard Brekke said the subsidy would cost the province about two million crowns "
    'a year. "It is money well spent if it keeps Brannholm alive," Brekke said.'
)

_FERRY_COPY = (
    _FERRY
    + "\n\nThis story first appeared in the Harbor Ledger and is republished with permission."
)

_BUDGET = (
    "The finance ministry of Varemoor published a draft budget that cuts spending on regional "
    "railways by a tenth while raising the fuel tax for freight companies. Economists at the "
    "Kessel Institute called the plan cautious.\n\n"
    '"A tax on freight fuel is a tax on every loaf of bread," said Łucja Weißmann, who chairs '
    "the hauliers' association. Finance minister Oskar Lindqvist defended the draft: \"The railways "
    'must earn their keep."'
)

_VACCINE = (
    "A vaccination campaign against the Tarrow fever began in the northern valleys this week. "
    "Doctors at the Brannholm clinic reported long queues on the first morning.\n\n"
    '"The vaccination is free and it is safe," said Dr. Ines Morales, head of the clinic. '
    "Health officials expect to reach half of the valley's residents by spring."
)

_FESTIVAL = (
    "Das Hafenfest in Kessel Point zog am Wochenende mehr als zehntausend Besucher an. "
    "Die Straße am Kai war bis in die Nacht gesperrt, und die Fähre nach Brannholm fuhr zusätzliche Runden.\n\n"
    '"So viele Menschen hatten wir noch nie," sagte die Organisatorin Łucja Weißmann.'
)

_SPORT = (
    "The Varemoor rowing eight won the autumn regatta on Lake Ostel by two lengths, the club's first "
    "title in eleven years. Coach Miroslav Kettunen praised the crew's discipline in the headwind."
)

_STORM = (
    "A winter storm closed the harbour of Kessel Point on Friday and cancelled every ferry crossing to "
    "Brannholm for two days. The coast guard said waves reached six metres."
)


def fixture_articles() -> list[Article]:
    """Eight invented articles: a syndicated pair, several outlets, languages, dates and speakers."""
    ferry = Article(
        id="ferry-ledger",
        url="https://harborledger.example/2015/12/night-ferry-stays",
        title="Council keeps the night ferry to Brannholm",
        authors=["Miroslav Kettunen"],
        outlet="Harbor Ledger",
        published="2015-12-03",
        lang="en",
        tags=["transport", "islands"],
        body=_FERRY,
        quotes=[
            _quoted(
                _FERRY, "Without the ferry, the island empties out after dark,", "Zeynep Aydoğan"
            ),
            _quoted(_FERRY, "We asked for one boat, not a bridge.", "Zeynep Aydoğan"),
            _quoted(
                _FERRY, "It is money well spent if it keeps Brannholm alive,", "Halvard Brekke"
            ),
        ],
    )
    ferry_copy = Article(
        id="ferry-global",
        url="https://globaldispatch.example/news/ferry-brannholm",
        title="Council keeps the night ferry to Brannholm",
        authors=["Miroslav Kettunen"],
        outlet="Global Dispatch Review",
        source="Harbor Ledger",
        published="2015-12-04",
        lang="en",
        tags=["transport"],
        body=_FERRY_COPY,
        quotes=[
            _quoted(
                _FERRY_COPY,
                "Without the ferry, the island empties out after dark,",
                "Zeynep Aydoğan",
            ),
            _quoted(_FERRY_COPY, "We asked for one boat, not a bridge.", "Zeynep Aydoğan"),
            _quoted(
                _FERRY_COPY, "It is money well spent if it keeps Brannholm alive,", "Halvard Brekke"
            ),
        ],
    )
    budget = Article(
        id="budget",
        url="https://northfieldcourier.example/budget-draft",
        title="Draft budget cuts regional railways and taxes freight fuel",
        authors=["Anna Kettunen", "Ola Brekke"],
        outlet="Northfield Courier",
        published="2016-01-15",
        lang="en",
        tags=["economy"],
        body=_BUDGET,
        quotes=[
            _quoted(
                _BUDGET, "A tax on freight fuel is a tax on every loaf of bread,", "Łucja Weißmann"
            ),
            _quoted(_BUDGET, "The railways must earn their keep.", "Oskar Lindqvist"),
        ],
    )
    vaccine = Article(
        id="vaccine",
        url="https://northfieldcourier.example/vaccination-campaign",
        title="Vaccination campaign against Tarrow fever begins",
        authors=["Ines Duarte"],
        outlet="Northfield Courier",
        published="2016-02-20",
        lang="en",
        tags=["health"],
        body=_VACCINE,
        quotes=[_quoted(_VACCINE, "The vaccination is free and it is safe,", "Ines Morales")],
    )
    festival = Article(
        id="hafenfest",
        url="https://elbwacht.example/hafenfest-kessel-point",
        title="Hafenfest in Kessel Point: Rekord an der Straße am Kai",
        authors=["Jonas Weber"],
        outlet="Elbwacht Anzeiger",
        published="2016-07-02",
        lang="de",
        tags=["kultur"],
        body=_FESTIVAL,
        quotes=[_quoted(_FESTIVAL, "So viele Menschen hatten wir noch nie,", "Łucja Weißmann")],
    )
    sport = Article(
        id="regatta",
        url="https://harborledger.example/2016/10/regatta",
        title="Varemoor eight wins the autumn regatta",
        authors=["Per Holm"],
        outlet="Harbor Ledger",
        published="2016-10-09",
        lang="en",
        tags=["sport"],
        body=_SPORT,
    )
    storm = Article(
        id="storm",
        url="https://harborledger.example/2016/12/storm",
        title="Storm closes Kessel Point harbour",
        authors=["Per Holm"],
        outlet="Harbor Ledger",
        published="2016-12-16",
        lang="en",
        tags=["weather", "transport"],
        body=_STORM,
    )
    undated = Article(
        id="undated",
        url="https://globaldispatch.example/opinion/ferries",
        title="Why ferries matter more than bridges",
        authors=[],
        outlet="Global Dispatch Review",
        published=None,
        lang="en",
        tags=[],
        body="An opinion on ferries, bridges and the islands that need them. A ferry is a promise "
        "that the mainland keeps every night, whatever the weather does to the sea.",
    )
    return [ferry, ferry_copy, budget, vaccine, festival, sport, storm, undated]


def build_index(folder: Path) -> Path:
    """Index the fixture articles into `folder` and return it."""
    from searcher.index import index_articles

    index_articles(fixture_articles(), folder, fresh=True)
    return folder
