"""HTTP routes beside Dash: layer data endpoints, security headers and request limits. Thin, like callbacks."""
