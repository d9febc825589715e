"""Policy reminders: schedules, exactly-once delivery, acknowledgements, managers' commands."""
