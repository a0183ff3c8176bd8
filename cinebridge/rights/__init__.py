"""Rights in, deals with licensees, holdbacks and avails."""
