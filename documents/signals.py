"""Signals of the documents app, for the stage apps that wait on a document job."""

from django.dispatch import Signal

# Sent by the worker inside the transaction that marks a certificate batch done, with `batch`:
# a receiver's writes commit (or roll back) together with the batch's completion.
batch_finished = Signal()
