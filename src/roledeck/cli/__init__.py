"""The command-line layer: one thin module per command.

Each turns options into one core call and hands the result to a reporter.
"""
