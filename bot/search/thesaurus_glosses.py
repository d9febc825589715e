"""A short English description of each thesaurus concept, for the sentence model.

A Japanese question cannot be read by the (English) sentence model, but the bilingual
thesaurus already knows which subjects it names (誹謗中傷 -> respect, 立ち入り検査 -> legal).
The descriptions of those subjects, embedded once, stand for the question on the English
side (:meth:`bot.search.index.ClauseIndex._meaning`). Plain, generic wording: what each concept
of :mod:`bot.search.thesaurus` is about, never a particular policy's phrasing.
"""

from __future__ import annotations

GLOSSES: dict[str, str] = {
    "anonymous": "an anonymous or fake account, posing as someone else",
    "cite": "citing a source, quoting or sharing statistics and articles",
    "colleague": "a coworker, a colleague, my boss or team",
    "competitor": "a competitor, a rival company",
    "concerns": "complaints about work, pay, overtime and working conditions",
    "confidential": "confidential, unreleased or internal information, a secret project",
    "copyright": "copyright, using music, images or videos made by others",
    "crisis": "an accident, a disaster or an emergency at the company",
    "criticism": "responding to criticism or negative comments about the company",
    "customer": "a customer or client and their business",
    "delete": "deleting a post",
    "disclose": "saying that I work for the company",
    "endorse": "reviewing or recommending products",
    "facility": "the security of company buildings, sites and people's whereabouts",
    "financial": "financial results, sales figures, stock and insider information",
    "internal_comms": "internal emails, documents, meetings and announcements",
    "legal": "lawsuits, legal matters and regulators",
    "media": "journalists, the press, interviews and speaking at events",
    "mistake": "a mistake in a post, correcting or apologising",
    "monitoring": "the company monitoring employees' social media",
    "official_account": "the company's official social media accounts",
    "opinion": "my personal opinion and a disclaimer that views are my own",
    "paid": "sponsored or paid posts, gifts and free products",
    "photo": "photos and videos",
    "policy_doc": "the social media policy and guidelines",
    "politics": "politics, elections and causes",
    "post": "posting on social media",
    "privacy": "personal information and privacy of people",
    "product": "our products and services",
    "recruit": "recruiting, job postings and hiring",
    "respect": "harassment, insults, discrimination and respectful behaviour",
    "rumour": "rumours, speculation and unverified information",
    "scope": "who the policy applies to",
    "security": "account security, passwords and hacking",
    "social": "social media and the internet",
    "spokesperson": "speaking officially on behalf of the company",
    "trademark": "the company logo, brand and trademarks",
    "training": "social media training and getting advice before posting",
    "workplace": "the office, factory, store or workplace",
    "worktime": "using social media during work hours or on company devices",
}
