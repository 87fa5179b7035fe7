"""The wizard's steps, one module each, in the order the volunteer meets them."""
