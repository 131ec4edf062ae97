"""Where did this clue go: intake of problem clues (问题线索), their referral hops between departments and
regions, the chain of one clue with its anomalies, and the referral network across many."""
