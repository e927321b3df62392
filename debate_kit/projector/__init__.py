"""The projector: what the whole class sees, in each phase only what it may see, large.

``view.py`` turns one room snapshot into the projector's view (plain data, no store, no clock);
``controls.py`` the teacher's few actions while presenting; ``widget.py`` hosts the front-end
(``static/projector.js``) in the console; the server extension hosts the same module on a second
screen page (``debate_kit/server/projector.py``). Contract: docs/projector-protocol.md.
"""
