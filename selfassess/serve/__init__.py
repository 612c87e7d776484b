"""``selfassess serve``: the app in a web browser, one app process per browser tab, offline.

``server`` runs the web server (textual-serve's handlers) and ``access`` decides which requests it
answers (its own address, its own pages, this run's token). Each tab runs ``tab``: the app with
the driver from ``driver``, which ends the app once its tab or server has gone.
"""
