"""Manuscripts to and from other programs' documents: DOCX, ODT, EPUB and PDF, through maintained libraries."""
