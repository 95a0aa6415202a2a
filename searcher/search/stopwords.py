"""Function words dropped from queries: they match almost every article and only add noise to ranking."""

from __future__ import annotations

# English function words (pronouns, auxiliaries, determiners, prepositions, conjunctions).
# The index keeps most of them (its analyzer's list is short), so "what" or "which" in
# a natural-language question would otherwise count as a word to match and rank by.
QUERY_STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just may me might more most must my myself no nor not now of off on once only or
    other our ours ourselves out over own same shall she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up upon
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves
    """.split()
)
