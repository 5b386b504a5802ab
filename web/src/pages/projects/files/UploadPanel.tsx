import { startUploads, useUploads } from '../../../files/uploads';
import { DropZone } from './DropZone';
import { UploadList } from './UploadList';

/** "Upload files", for those who may add files to the project: each file dropped or chosen goes on its own. */
export function UploadPanel({ projectId }: { projectId: string }) {
  const uploads = useUploads({ projectId });
  return (
    <section className="panel" aria-labelledby="upload-files-title">
      <h3 className="panel__title" id="upload-files-title">
        Upload files
      </h3>
      <DropZone
        label="Choose files"
        hint="Drop files here, or choose them: images, PDF, video, audio, ZIP and design files."
        multiple
        onFiles={(files) => startUploads(files, { projectId })}
      />
      <UploadList uploads={uploads} />
    </section>
  );
}
