"""Example questions for the help-desk areas of :mod:`bot.search.helpdesk`, for the sentence model.

The areas' word lists serve the lexical index; a sentence model compares whole
questions, so each area also gets a few typical questions, in the plain words people
use. They are never indexed as words (they must not shift how clauses rank) and only
decide whether an English question is, in meaning, a help-desk question
(:data:`bot.search.index.HELP_DESK_TEXTS`). Keep them generic: what any company's help desk
hears, never a social media policy's subjects.
"""

from __future__ import annotations

HELP_DESK_QUESTIONS: dict[str, tuple[str, ...]] = {
    "hr-leave": (
        "How many vacation days do I have left this year?",
        "How do I apply for sick leave or time off?",
        "What is the process for taking maternity or paternity leave?",
    ),
    "hr-benefits": (
        "How do I sign up for the health insurance plan?",
        "Does the company pay for a gym membership or wellness program?",
        "When is the annual medical checkup?",
    ),
    "hr-payroll": (
        "When is payday and where can I see my payslip?",
        "Why is my salary lower this month?",
        "How do I change the bank account my pay goes to?",
    ),
    "hr-expenses-travel": (
        "How do I submit an expense report with receipts?",
        "Who books hotels and flights for a business trip?",
        "What is the daily allowance when travelling abroad?",
    ),
    "hr-commute": (
        "Does the company cover my train pass to work?",
        "Where can I park my bike or car at the office?",
    ),
    "hr-admin": (
        "How do I update my home address in the HR system?",
        "When is my performance review this year?",
        "How do I request to work from home on Fridays?",
    ),
    "it-hardware": (
        "My computer is broken, how do I get a replacement?",
        "Can I order a new keyboard and headset?",
        "The printer on my floor is not working.",
    ),
    "it-accounts": (
        "I forgot my password and my account is locked.",
        "How do I connect to the VPN from home?",
        "How do I open an IT support ticket?",
    ),
    "facilities": (
        "How do I book a meeting room for tomorrow?",
        "It is too cold on our floor, who controls the air conditioning?",
        "Where is the lost and found?",
    ),
    "food-and-places": (
        "What's on the canteen menu today?",
        "Any good places to eat near the office?",
        "Can you recommend a restaurant for the team dinner?",
    ),
    "it-office-software": (
        "How do I set an out-of-office reply in my email?",
        "How do I share a calendar with my team?",
        "How do I make a pivot table in a spreadsheet?",
        "How do I change my profile picture in the email or chat app?",
    ),
    "finance-procurement": (
        "How do I raise a purchase order for a supplier?",
        "Who approves an invoice above my budget?",
    ),
    "product-support": (
        "A customer's device shows an error code, how do they fix it?",
        "How does a customer return a faulty product for a refund?",
    ),
    "facilities-building": (
        "Is the office open on the public holiday?",
        "I lost my building access card, how do I get a new one?",
        "Can I bring my dog to the office?",
    ),
    "hr-careers": (
        "How do I apply for an internal job on another team?",
        "Is there a mentoring program for career development?",
    ),
    "platform-howto": (
        "How do I use a feature of this app, for example scheduling a post for later?",
        "How do I change my username or display name on the app?",
        "How do I make my account private or turn off notifications?",
        "What's the best time of day to post to get more reach?",
        "How do I pin a post to the top of my profile?",
    ),
    "enterprise-apps": ("How do I find my payslip or approve a request in the HR system?",),
    "timesheets-hours": ("How do I log my working hours in the timesheet?",),
    "orders-returns": ("A customer wants a refund for their order, what do I do?",),
    "holidays-days-off": ("Which days are public holidays this year?",),
    "images-and-files": ("How do I resize an image or convert a file to PDF?",),
    "printing-and-id": ("Where do I print documents or get an ID photo taken?",),
    "provisioning": ("How does a new starter get their laptop and accounts on day one?",),
    "wiki-and-chat-admin": ("How do I create a new channel or wiki page and add people to it?",),
}
