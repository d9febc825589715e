"""Features that wire themselves onto the app: reminders and the policy owner's loop."""
