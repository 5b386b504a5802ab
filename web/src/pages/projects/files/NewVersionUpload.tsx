import { startUploads, useUploads } from '../../../files/uploads';
import { DropZone } from './DropZone';
import { UploadList } from './UploadList';

/** "Upload new version", for those who may manage the file: it keeps its name, and the new bytes become current. */
export function NewVersionUpload({ fileId }: { fileId: string }) {
  const uploads = useUploads({ fileId });
  return (
    <section className="panel panel--compact" aria-labelledby="new-version-title">
      <h4 className="panel__title" id="new-version-title">
        Upload new version
      </h4>
      <DropZone
        label="Choose a file"
        hint="Drop the new version here, or choose it. The file keeps its name."
        multiple={false}
        onFiles={(files) => startUploads(files, { fileId })}
      />
      <UploadList uploads={uploads} />
    </section>
  );
}
