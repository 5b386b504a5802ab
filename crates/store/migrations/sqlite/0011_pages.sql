-- Previews of PDFs and SVG (issue 13): a PDF version's number of pages, once read by its
-- previews (its first pages get one each).

ALTER TABLE file_versions ADD COLUMN pages BIGINT;
