"""The policy owner's loop: usage records, the report, the quiz, feedback, knowledge-base suggestions."""
