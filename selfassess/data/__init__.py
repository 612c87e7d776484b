"""Published figures: the DfE's statistics and Ofsted's grades for every English authority.

An edge like ``selfassess.files``: it reads the dataset that ships in this package
(``published.json``, made by ``python -m selfassess.data.build``) and raises domain errors that
name the place. It never draws: the terminal views are in ``selfassess.views.peers``.
"""
