"""The app's screens: start, assessment, scorecard and help."""
