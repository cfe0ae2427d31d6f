"""The guided application: one step per part of the guidelines, with help, a live calculator and live screening."""
