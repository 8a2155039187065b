"""The running server: it owns the store, serves the pages and a small HTTP API, and watches the inbox folder.

Only the server process opens the store while it runs. The command line finds a running server by the file
the server writes beside the store, and sends its work there; with no server it opens the store itself.
"""
