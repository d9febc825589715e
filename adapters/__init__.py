"""Thin translators between chat platforms and the guidebot core."""
