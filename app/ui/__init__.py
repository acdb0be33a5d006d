"""The Qt interface. Only this package imports Qt; it calls the core, never the reverse."""
