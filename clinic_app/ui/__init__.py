"""The desktop interface: the only package that imports Qt Widgets or Qt Gui."""
