"""Tests of referral sheets: fonts, shaping, PDF rendering."""
