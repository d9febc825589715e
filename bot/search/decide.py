"""Answered or unsure: whether the best clause is a confident answer to the question.

The best clause must cover enough of the question (its covered share, unknown words
counting against it) and beat the best help-desk area (:mod:`bot.search.helpdesk`):
a question about leave or laptops is explained better by them than by any clause.
The margin over the help-desk area is smaller when the question talks about posting or
social media and that area does not explain it (smaller still when it asks whether it may
post there: 「シフト削られて生活きついってツイートしても大丈夫?」). Without the sentence model it
is as small when the area explains the channel but not the distinctive subject the question
names, and the question asks no procedure; and in either language far smaller when the question
asks whether it may post about such a subject (「うち独自の熟成マグロのやり方、YouTubeで解説しても
いい?」; an English one naming no channel qualifies when the sentence model finds it nearer a clause
than any help-desk area). It is larger when the
question names neither a publishing channel nor a distinctive policy subject. Without the
sentence model, a question that asks whether it may post needs only match the area even when
the area explains its channel's word too.

For an English question the sentence model gives a second opinion
(:class:`MeaningCheck`): closer in meaning to a help-desk area than to every clause (by a
margin, narrower when the question names neither a channel nor a policy subject) is
unsure, unless it asks whether it may post where no help-desk area explains the channel
("how much scrolling tiktok is ok on a quiet night shift?") or the distinctive subject it names
("want to vent on reddit about the new on-call rotation, am i allowed?"); plainly close to a clause is
answered, though in words the policy does not use, and so is a question that asks to post
something and means a clause more than any help-desk area.
With that check in place the words' own thresholds are narrower.

A question that asks how to operate something, when or where, and not whether something
may be done (:func:`bot.search.question_form.asks_procedure`: "how do I make my account
private", 「締め切りっていつ?」) needs the widest margin of all: such questions are the
help desk's, and a clause that shares their words ("account", 「投稿」) rarely answers them.
Without the sentence model (Japanese), one that names a social network or publishing channel
no help-desk area explains, and that the best clause covers well, asks how to do a thing the
policy itself is about (「SNSの研修ってどこで受けるの?」) and keeps the ordinary margin.
An English question the sentence model finds plainly about a clause is still answered, unless
it names neither a publishing channel nor a policy subject: then the clause must cover half of
its words ("How do I order a new lab coat?" is near a clause on lab photos in meaning, and
answered wrongly when the meaning may overrule).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.search.params import Params


@dataclass(frozen=True, slots=True)
class MeaningCheck:
    """Sentence similarities of an English question (cosine, in [-1, 1])."""

    clause: float  # to the closest candidate clause
    first: float  # to the clause ranked first
    help_desk: float  # to the closest help-desk area


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the decision rests on: covered shares of the question, in [0, 1], and what it names."""

    best: float  # the best clause's
    help_desk: float  # the best help-desk area's (0 when there is none)
    names_channel: bool  # the question talks about posting or social media
    channel_unexplained: bool  # ... and the best help-desk area does not
    names_subject: bool  # the question names a distinctive policy subject
    subject_unexplained: bool = False  # ... one the best help-desk area does not name
    asks_procedure: bool = False  # it asks how to operate something, when or where (not whether it may)
    asks_permission: bool = False  # it asks whether something may be done ("can I …?", 「〜してもいい?」)
    meaning: MeaningCheck | None = None  # the sentence model's opinion (English questions only)

    @property
    def asks_to_post(self) -> bool:
        """It asks whether it may do something, not how to operate something."""
        return self.asks_permission and not self.asks_procedure

    def asks_about_subject(self, params: Params) -> bool:
        """It asks whether it may do something about a distinctive subject the best help-desk
        area does not name, where it posts (a channel named) or, by the sentence model, nearer a
        clause than any help-desk area in meaning ("is it ok to compare pay with the other
        carpenters in our group chat?")."""
        if not (self.asks_to_post and self.subject_unexplained):
            return False
        meaning = self.meaning
        return self.names_channel or (
            meaning is not None and meaning.first >= meaning.help_desk + params.subject_meaning_margin
        )


def margin(evidence: Evidence, params: Params) -> float:
    """By how much the best clause must beat the best help-desk area."""
    guarded = evidence.meaning is not None
    if not evidence.names_channel and not evidence.names_subject:
        base = params.guarded_no_channel_margin if guarded else params.no_channel_margin
    elif evidence.channel_unexplained:
        base = params.posting_margin if evidence.asks_to_post else params.on_topic_margin
    elif (
        not guarded
        and evidence.names_channel
        and (evidence.asks_to_post or (evidence.subject_unexplained and not evidence.asks_procedure))
    ):
        # Whether it may post there, or a subject the area does not name, where a help-desk area
        # explains the channel's word too (「予約システムの画面、スクショ載せたい」: a help-desk area
        # explains screenshots; 「売店のインスタ、店長の私物スマホでしかログインできない」).
        base = params.on_topic_margin
    else:
        base = params.guarded_off_topic_margin if guarded else params.off_topic_margin
    if evidence.asks_about_subject(params):
        base = min(base, params.subject_margin)
    if not evidence.asks_procedure:
        return base
    if not guarded and evidence.channel_unexplained and evidence.best >= params.procedure_channel_floor:
        return base  # how to do a thing the policy is about: 「SNSの研修ってどこで受けるの?」
    return max(base, params.procedure_margin)


def confident(evidence: Evidence, params: Params) -> bool:
    """Whether the best clause confidently answers the question."""
    meaning = evidence.meaning
    named = evidence.names_channel or evidence.names_subject
    if evidence.asks_procedure and not evidence.names_channel and evidence.best < params.procedure_unnamed_floor:
        return False  # how to get, order or fill in something, not how to post about it
    floor = params.confident_score if meaning is None else params.guarded_confident_score
    sure = evidence.best >= floor and evidence.best >= evidence.help_desk * margin(evidence, params)
    if meaning is not None:
        closer = params.help_desk_meaning_margin if named else params.help_desk_meaning_margin_unnamed
        # Asking whether it may post where no help-desk area explains the channel, or the subject
        # it names, is the policy's question however near a help-desk area it means ("how much
        # scrolling tiktok is ok on a quiet night shift?").
        posting_unexplained = (evidence.channel_unexplained and evidence.asks_to_post) or evidence.asks_about_subject(
            params
        )
        if meaning.clause < meaning.help_desk - closer and not posting_unexplained:
            return False  # in meaning, a help-desk question ("how do I schedule a post")
        if meaning.first >= max(params.clause_meaning_floor, meaning.help_desk + params.clause_meaning_margin):
            return True  # plainly about a clause, though in words the policy does not use
        posting = evidence.names_channel and not evidence.asks_procedure
        if (
            posting
            and meaning.first >= meaning.help_desk + params.posting_meaning_margin
            and evidence.best >= floor / 2
        ):
            return True  # asks to post something, and means a clause more than any help-desk area
    return sure
