"""Storage backends behind the `GraphStore` protocol; nothing outside this package names one."""
