"""Microsystems: clinical microsystems quality improvement for general practice."""
