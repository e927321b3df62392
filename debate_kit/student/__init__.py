"""The student's side, one logic for two transports (docs/student-protocol.md).

``snapshot`` reads what a room's students may see from the store once per change; ``view`` turns a
snapshot into one student's view model (plain data); ``session`` is one student's connection: identity,
join and actions, validated against the store. The server extension (websocket) and the notebook widget
(comm) both use these; ``static/student.js`` draws the view in the browser.
"""
