"""Home pages of the staff roles; the preparation and sharing features fill them."""
