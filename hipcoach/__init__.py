"""hipcoach: an offline desktop coach for home exercise with hip pain."""

__version__ = "0.1.0"
APP_NAME = "hipcoach"
APP_ID = "io.github.hipcoach.HipCoach"
