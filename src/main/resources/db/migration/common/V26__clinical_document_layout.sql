-- The layout of a document as read at upload: where each page lies in the extracted text and, for pages read by OCR,
-- the page image (a blob of its own) and each word's box. The redacted copy is made from it at release, so the file is
-- not read, nor its scanned pages OCR'd, a second time. Empty for documents uploaded before it, which are read again.
ALTER TABLE clinical_document ADD COLUMN layout_blob VARCHAR(36);
