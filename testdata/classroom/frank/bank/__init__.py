"""A bank whose tellers (threads) move money between shared accounts."""
