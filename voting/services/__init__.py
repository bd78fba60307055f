"""The writes of steps 3-5, one module per concept; import the one you need:

- proposals.py (step 3): save_proposal, delete_proposal, reopen_proposals
- ballots.py (step 4): open_vote, cast_ballot (secret; see voting.models for the design), mixing
  the ballot box, the hourly count of voters shown while the vote runs
- results.py (steps 4-5): close_vote, decide_tie, save_selections, announce_results
- letters.py: the letters of steps 4 and 5, issued through the document engine
- reminders.py: "the vote closes tomorrow" to those who have not voted (run by tasks.py)
- schedule.py: the open vote's closing day follows a re-planned step 4 (a signal receiver)
"""
