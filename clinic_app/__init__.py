"""Clinic Intake: offline, encrypted intake and screening for immigration clinics."""

__version__ = "0.1.0"
APP_NAME = "Clinic Intake"
APP_ID = "clinic-intake"
