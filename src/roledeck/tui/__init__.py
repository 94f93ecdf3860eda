"""`roles browse`: the catalog in a terminal UI, built with Textual.

Presentation only, like `cli/` and `reporters/` (it may import rich and textual): what it
shows is computed by the core (`roledeck.browsing`, `diff`, `matrix`, the lint engine) and laid
out by the reporters. Imported only by the `browse` command, so no other command pays for
Textual.
"""
