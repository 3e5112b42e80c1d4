"""Corridor Atlas: sourced transport-corridor data and the dashboard that draws it."""
