"""The Qt layer: windows, views and the adapters that connect the Qt-free core to Qt's event loop."""
