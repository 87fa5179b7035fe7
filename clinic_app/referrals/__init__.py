"""Provider directory and referral sheets."""
