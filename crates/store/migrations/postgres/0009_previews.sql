-- Previews (issue 13): a version of a raster image gets thumbnails, made in the background
-- after it is stored. `preview` says where that stands (`none` for a type without previews);
-- `width` and `height` are the image's pixels, once read.

ALTER TABLE file_versions ADD COLUMN preview TEXT NOT NULL DEFAULT 'none'
    CHECK (preview IN ('none', 'pending', 'ready', 'failed'));
ALTER TABLE file_versions ADD COLUMN width BIGINT;
ALTER TABLE file_versions ADD COLUMN height BIGINT;
CREATE INDEX file_versions_pending_idx ON file_versions (preview) WHERE preview = 'pending';
