"""The Qt service in front of the models: one worker thread, a request queue, one handle per request.

The only Qt in the inference path; the GUI, the command line and the
self-test all submit requests here.
"""
