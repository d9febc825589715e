"""``policy quiz``: a short training quiz built from the knowledge base.

Two kinds of question: "what does the policy say about <a clause's example
question>?" (the clause's verdict is the right answer) and "which clause covers
<that question>?" (the right clause among three). Each answer is explained with
its clause. A quiz in progress is kept in memory per (platform, user); scores go
to a :class:`QuizScores` store. The RNG is seedable so tests are deterministic.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from bot.assistant.engine import GuideBot
from bot.assistant.render_text import clause_heading
from bot.data.messages import msg
from bot.domain.policy import VERDICTS, Clause
from bot.domain.replies import NoticeReply, Reply
from bot.domain.texts import pick_list
from bot.features.owner.replies import QuizOutcome, QuizQuestion, QuizReply

# A verdict ("allowed", "not allowed") answers only a yes/no question: one that opens with an
# auxiliary in English, or ends in か without a question word in Japanese. "Where should I raise
# a problem?" is asked as "which clause covers...?" instead.
_YES_NO_EN = re.compile(
    r"^\s*(?:can|could|may|might|must|shall|should|will|would|is|are|am|was|were|do|does|did|have|has)\b", re.I
)
_QUESTION_WORD_JA = re.compile(r"どこ|何|なに|なん|どう|どの|どれ|どちら|どんな|誰|だれ|いつ|なぜ|いくら|いくつ")
_ASKS_JA = re.compile(r"か\s*[？?]?\s*$")


def is_yes_no(question: str, lang: str) -> bool:
    """Whether ``question`` can be answered by a verdict (yes, with conditions, no)."""
    if lang == "ja":
        return bool(_ASKS_JA.search(question)) and not _QUESTION_WORD_JA.search(question)
    return bool(_YES_NO_EN.match(question))


QUIZ_LENGTH = 3
MAX_PENDING = 10_000  # quizzes kept in memory; the oldest is dropped past this


class QuizScores(Protocol):
    """Where each person's score is kept (``quiz_scores`` in the database)."""

    def add_quiz_answer(self, platform: str, user_id: str, correct: bool) -> tuple[int, int]: ...


@dataclass
class MemoryScores:
    """Scores kept in memory, for runs without a database."""

    scores: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)

    def add_quiz_answer(self, platform: str, user_id: str, correct: bool) -> tuple[int, int]:
        attempts, right = self.scores.get((platform, user_id), (0, 0))
        self.scores[(platform, user_id)] = (attempts + 1, right + int(correct))
        return self.scores[(platform, user_id)]


AnswerHook = Callable[[str, str, str, bool, str], Awaitable[None]]  # platform, user, clause, correct, lang


@dataclass
class _Quiz:
    lang: str
    questions: tuple[QuizQuestion, ...]
    index: int = 0
    correct: int = 0


class QuizMaster:
    """Runs quizzes: ``start`` a quiz, then ``answer`` each question by number."""

    def __init__(
        self,
        bot: GuideBot,
        scores: QuizScores | None = None,
        *,
        seed: int | None = None,
        length: int = QUIZ_LENGTH,
        on_answer: AnswerHook | None = None,
    ) -> None:
        self.bot = bot
        self.scores = scores or MemoryScores()
        self.rng = random.Random(seed)
        self.length = length
        self.on_answer = on_answer
        self._pending: OrderedDict[tuple[str, str], _Quiz] = OrderedDict()

    def pending(self, platform: str, user_id: str) -> bool:
        return (platform, user_id) in self._pending

    def start(self, platform: str, user_id: str, lang: str) -> Reply:
        questions = self.make_questions(lang)
        if not questions:
            return NoticeReply(lang, msg("quiz.empty", lang), "warning")
        self._pending[(platform, user_id)] = _Quiz(lang, tuple(questions))
        self._pending.move_to_end((platform, user_id))
        while len(self._pending) > MAX_PENDING:
            self._pending.popitem(last=False)
        return QuizReply(lang, self.bot.policy_info(lang), 1, len(questions), questions[0])

    async def answer(self, platform: str, user_id: str, choice: int, question_id: str | None = None) -> Reply:
        """Answer the current question with option ``choice`` (1-based)."""
        quiz = self._pending.get((platform, user_id))
        if quiz is None:
            return NoticeReply(
                self.bot.kb.policy.default_language, msg("quiz.none", self.bot.kb.policy.default_language)
            )
        lang = quiz.lang
        question = quiz.questions[quiz.index]
        if question_id is not None and question_id != question.id:
            return NoticeReply(lang, msg("quiz.stale", lang), "warning")
        if not 1 <= choice <= len(question.options):
            return NoticeReply(lang, msg("quiz.pick", lang, n=len(question.options)), "warning")
        correct = choice - 1 == question.answer
        quiz.correct += correct
        quiz.index += 1
        overall = await asyncio.to_thread(self.scores.add_quiz_answer, platform, user_id, correct)
        if self.on_answer is not None:
            await self.on_answer(platform, user_id, question.clause_id, correct, lang)
        clause = self.bot.clause(question.clause_id)
        outcome = QuizOutcome(correct, question.options[question.answer], clause) if clause else None
        info = self.bot.policy_info(lang)
        total = len(quiz.questions)
        if quiz.index >= total:
            del self._pending[(platform, user_id)]
            return QuizReply(lang, info, total, total, None, outcome, (quiz.correct, total), (overall[1], overall[0]))
        return QuizReply(lang, info, quiz.index + 1, total, quiz.questions[quiz.index], outcome)

    async def answer_value(self, platform: str, user_id: str, value: str) -> Reply:
        """A button press: ``value`` is :meth:`QuizQuestion.value` (``"ID|INDEX"``, 0-based)."""
        question_id, _, index = value.rpartition("|")
        if not index.isdigit():
            return NoticeReply(
                self.bot.kb.policy.default_language, msg("quiz.none", self.bot.kb.policy.default_language)
            )
        return await self.answer(platform, user_id, int(index) + 1, question_id or None)

    def stop(self, platform: str, user_id: str) -> str | None:
        """End a quiz in progress; returns its language (None when there was none)."""
        quiz = self._pending.pop((platform, user_id), None)
        return quiz.lang if quiz else None

    def make_questions(self, lang: str) -> list[QuizQuestion]:
        """A few questions from clauses whose example questions the bot itself routes right."""
        clauses = [c for c in self.bot.kb.clauses if pick_list(c.questions, lang)]
        self.rng.shuffle(clauses)
        out: list[QuizQuestion] = []
        for clause in clauses:
            if len(out) >= self.length:
                break
            asked = self.rng.choice(list(pick_list(clause.questions, lang)))
            reply = self.bot.ask(asked, lang)
            if reply.clause != clause or reply.verdict is None:
                continue  # ambiguous question: a quiz must have one right answer
            # "Is this allowed?" only for a yes/no may-I question, with the verdict the bot gives
            # it; other questions ("What should I do if ...?") ask which clause covers them.
            question: QuizQuestion | None
            if len(out) % 2 == 0 and is_yes_no(asked, lang) and not reply.how_to:
                question = self._verdict_question(clause, asked, reply.verdict, lang)
            else:
                question = self._clause_question(clause, asked, lang)
            if question is not None:
                out.append(question)
        return out

    def _verdict_question(self, clause: Clause, asked: str, verdict: str, lang: str) -> QuizQuestion:
        options = tuple(msg(f"verdict.{v}", lang) for v in VERDICTS)
        prompt = msg("quiz.verdict", lang, question=asked)
        return QuizQuestion(f"verdict:{clause.id}", prompt, options, VERDICTS.index(verdict), clause.id)

    def _clause_question(self, clause: Clause, asked: str, lang: str) -> QuizQuestion | None:
        others = [c for c in self.bot.kb.clauses if c.id != clause.id and c.id not in clause.see_also]
        if len(others) < 2:
            return None
        picks = [clause, *self.rng.sample(others, 2)]
        self.rng.shuffle(picks)
        options = tuple(clause_heading(c, lang) for c in picks)
        prompt = msg("quiz.clause", lang, question=asked)
        return QuizQuestion(f"clause:{clause.id}", prompt, options, picks.index(clause), clause.id)
