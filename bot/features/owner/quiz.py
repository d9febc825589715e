"""``policy quiz``: a short training quiz built from the knowledge base.

Two kinds of question: "what does the policy say about <a clause's example
question>?" (the clause's verdict is the right answer) and "which clause covers
<that question>?" (the right clause among three). Each answer is explained with
its clause. A quiz in progress and each person's score are kept in a
:class:`QuizStore` (the database, so that any replica takes the next answer; memory for
runs without one). The RNG is seedable so tests are deterministic.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

from bot.assistant.engine import GuideBot
from bot.assistant.render_text import clause_heading
from bot.data.messages import msg
from bot.domain.policy import VERDICTS, Clause
from bot.domain.replies import NoticeReply, Reply
from bot.domain.texts import pick_list, whole_number
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


@dataclass(frozen=True, slots=True)
class QuizState:
    """A quiz in progress: its questions, the one being asked (``index``) and the right answers so far."""

    lang: str
    questions: tuple[QuizQuestion, ...]
    index: int = 0
    correct: int = 0


class QuizStore(Protocol):
    """Quizzes in progress and scores (``quizzes`` and ``quiz_scores`` in the database)."""

    def quiz_state(self, platform: str, user_id: str) -> QuizState | None: ...

    def begin_quiz(self, platform: str, user_id: str, state: QuizState) -> None:
        """Start (or restart) a person's quiz."""

    def answer_quiz(self, platform: str, user_id: str, index: int, correct: bool, last: bool) -> tuple[int, int] | None:
        """Count the answer to question ``index`` if it is still the one asked: move on (or end
        the quiz when ``last``) and add it to the person's score, at once. Returns the score
        (attempts, correct); None when that question was already answered (anywhere)."""

    def end_quiz(self, platform: str, user_id: str) -> QuizState | None: ...


@dataclass
class MemoryQuizzes:
    """Quizzes and scores kept in memory, for runs without a database."""

    states: dict[tuple[str, str], QuizState] = field(default_factory=dict)
    scores: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)

    def quiz_state(self, platform: str, user_id: str) -> QuizState | None:
        return self.states.get((platform, user_id))

    def begin_quiz(self, platform: str, user_id: str, state: QuizState) -> None:
        self.states[(platform, user_id)] = state

    def answer_quiz(self, platform: str, user_id: str, index: int, correct: bool, last: bool) -> tuple[int, int] | None:
        key = (platform, user_id)
        state = self.states.get(key)
        if state is None or state.index != index:
            return None
        if last:
            del self.states[key]
        else:
            self.states[key] = replace(state, index=index + 1, correct=state.correct + int(correct))
        attempts, right = self.scores.get(key, (0, 0))
        self.scores[key] = (attempts + 1, right + int(correct))
        return self.scores[key]

    def end_quiz(self, platform: str, user_id: str) -> QuizState | None:
        return self.states.pop((platform, user_id), None)


AnswerHook = Callable[[str, str, str, bool, str], Awaitable[None]]  # platform, user, clause, correct, lang


class QuizMaster:
    """Runs quizzes: ``start`` a quiz, then ``answer`` each question by number."""

    def __init__(
        self,
        bot: GuideBot,
        store: QuizStore | None = None,
        *,
        seed: int | None = None,
        length: int = QUIZ_LENGTH,
        on_answer: AnswerHook | None = None,
    ) -> None:
        self.bot = bot
        self.store: QuizStore = store or MemoryQuizzes()
        self.rng = random.Random(seed)
        self.length = length
        self.on_answer = on_answer

    def pending(self, platform: str, user_id: str) -> bool:
        return self.state(platform, user_id) is not None

    def state(self, platform: str, user_id: str) -> QuizState | None:
        """The person's quiz in progress, if any."""
        return self.store.quiz_state(platform, user_id)

    async def start(self, platform: str, user_id: str, lang: str) -> Reply:
        questions = await asyncio.to_thread(self.make_questions, lang)
        if not questions:
            return NoticeReply(lang, msg("quiz.empty", lang), "warning")
        await asyncio.to_thread(self.store.begin_quiz, platform, user_id, QuizState(lang, tuple(questions)))
        return QuizReply(lang, self.bot.policy_info(lang), 1, len(questions), questions[0])

    async def answer(self, platform: str, user_id: str, choice: int, question_id: str | None = None) -> Reply:
        """Answer the current question with option ``choice`` (1-based)."""
        quiz = await asyncio.to_thread(self.state, platform, user_id)
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
        total = len(quiz.questions)
        last = quiz.index + 1 >= total
        overall = await asyncio.to_thread(self.store.answer_quiz, platform, user_id, quiz.index, correct, last)
        if overall is None:  # answered meanwhile (a double click, or on another replica)
            return NoticeReply(lang, msg("quiz.stale", lang), "warning")
        if self.on_answer is not None:
            await self.on_answer(platform, user_id, question.clause_id, correct, lang)
        clause = self.bot.clause(question.clause_id)
        outcome = QuizOutcome(correct, question.options[question.answer], clause) if clause else None
        info = self.bot.policy_info(lang)
        if last:
            score = (quiz.correct + int(correct), total)
            return QuizReply(lang, info, total, total, None, outcome, score, (overall[1], overall[0]))
        return QuizReply(lang, info, quiz.index + 2, total, quiz.questions[quiz.index + 1], outcome)

    async def answer_value(self, platform: str, user_id: str, value: str) -> Reply:
        """A button press: ``value`` is :meth:`QuizQuestion.value` (``"ID|INDEX"``, 0-based)."""
        question_id, _, index = value.rpartition("|")
        number = whole_number(index)
        if number is None:
            return NoticeReply(
                self.bot.kb.policy.default_language, msg("quiz.none", self.bot.kb.policy.default_language)
            )
        return await self.answer(platform, user_id, number + 1, question_id or None)

    async def stop(self, platform: str, user_id: str) -> str | None:
        """End a quiz in progress; returns its language (None when there was none)."""
        quiz = await asyncio.to_thread(self.store.end_quiz, platform, user_id)
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
