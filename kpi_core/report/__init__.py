"""What leaves the app: the data table for people, the Excel report (pure: bytes out)."""
