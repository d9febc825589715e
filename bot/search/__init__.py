"""Answering questions: text analysis, the thesaurus, the clause index, scoring and the decision."""
