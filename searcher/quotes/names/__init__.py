"""Person and organisation names: the word lists, parsing a name, finding mentions, and the article's name table."""
