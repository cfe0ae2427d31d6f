"""Documents as plain data and their writers (PDF, Word, XLSX, CSV). Pure Python: no Django.

document = Document(title=..., blocks=(Heading(...), Paragraph(...), Table(...), Chart(...)))
render_pdf(document), render_docx(document), tables_to_xlsx(document.tables())
"""
