"""Questions about the seed articles: the article each must retrieve, and a fact its answer must state."""

from __future__ import annotations

# The two seed articles (seeds/), by file name.
RUSSIA_UN = "004_6f422090716b2c3d.txt"  # UN ambassador, Shaheen, Witkoff, "Vladimir, STOP"
US_WITHDRAWS = "000_c1236e0d94d1fd2f.txt"  # Rubio, Vance stalemate, three-day truce, 30-day ceasefire

# (question, article that answers it, text the answer must contain)
GOLDEN: list[tuple[str, str, str]] = [
    ("Who is Russia's ambassador to the UN?", RUSSIA_UN, "Vassily Nebenzia"),
    ("What did Trump post to Putin after the deadly missile strike on Kyiv?", RUSSIA_UN, "Vladimir, STOP"),
    ("Who did Trump send to Moscow as his envoy?", RUSSIA_UN, "Steve Witkoff"),
    ("How many villages in Dnipropetrovsk did Ukraine order to evacuate?", RUSSIA_UN, "seven villages"),
    ("What did Senator Shaheen say about Trump's negotiations?", RUSSIA_UN, "Shaheen"),
    ("Which U.S. envoy countered the Russian claims at the UN?", RUSSIA_UN, "John Kelley"),
    ("When was Putin's three-day truce supposed to happen?", US_WITHDRAWS, "May 8-10"),
    ("How long a ceasefire did Zelensky call for?", US_WITHDRAWS, "30 days"),
    ("How did Vice President Vance describe the war?", US_WITHDRAWS, "stalemate"),
    ("What does the Trump administration expect from Europe?", US_WITHDRAWS, "Europe"),
    ("Who delivered the announcement that the U.S. would step back from mediation?", US_WITHDRAWS, "Rubio"),
]

OFF_TOPIC: list[str] = [
    "How do I bake sourdough bread at home?",
    "Who won the Champions League final?",
    "What is the capital of Australia?",
    "How does photosynthesis work?",
    "What is a good recipe for lasagna?",
    "How many goals did Messi score last season?",
    "What are the rules of cricket?",
]
