/**
 * Clinical document content: detects the type of uploaded bytes, extracts their text (Tika, Tesseract for scans) in a
 * bounded worker process, renders redacted copies and watermarks pages for viewing. It works on bytes and returns
 * results; storing, encrypting and finding what to mask belong to other packages.
 */
package hk.carerelay.document;
