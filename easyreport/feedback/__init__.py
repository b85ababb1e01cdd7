"""After the interview: the interview date and the officer's structured feedback on a shared sheet."""
