"""``selfassess serve``: the app in a web browser, one app process per browser tab, offline.

``server`` runs the web server (textual-serve) and owns the app processes; ``driver`` is the
Textual driver those processes use, which ends the app when the server goes away.
"""
