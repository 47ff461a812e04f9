"""HTTP routes beside Dash: layer data endpoints, security headers, request limits. Thin, like callbacks."""
