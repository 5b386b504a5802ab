import { useState } from 'react';
import type { FileView, VersionView } from '../../../api/schema';
import { SelectField } from '../../../components/Field';
import { ToggleGroup } from '../../../components/ToggleGroup';
import { VersionImage } from './VersionImage';

type CompareMode = 'side' | 'overlay';

const MODES: ReadonlyArray<{ value: CompareMode; label: string }> = [
  { value: 'side', label: 'Side by side' },
  { value: 'overlay', label: 'Overlay' },
];

interface CompareVersionsProps {
  file: FileView;
  /** The versions that are pictures, newest first: at least two. */
  versions: readonly VersionView[];
}

/**
 * Two versions of an image, the newest and the one before at first: side by side, or one over
 * the other with the upper one's opacity on a slider, to see what moved.
 */
export function CompareVersions({ file, versions }: CompareVersionsProps) {
  const [before, setBefore] = useState(versions[1]?.number ?? 1);
  const [after, setAfter] = useState(versions[0]?.number ?? 1);
  const [mode, setMode] = useState<CompareMode>('side');
  const [opacity, setOpacity] = useState(50);
  const options = versions.map((version) => ({ value: String(version.number), label: `v${version.number}` }));
  const image = (number: number, className: string, style?: { opacity: number }) => (
    <VersionImage
      fileId={file.id}
      number={number}
      name={file.name}
      kind={file.kind}
      alt={`${file.name}, version ${number}`}
      className={className}
      style={style}
    />
  );

  return (
    <section className="panel compare" aria-labelledby="compare-title">
      <h4 className="panel__title" id="compare-title">
        Compare versions
      </h4>
      <div className="form form--inline compare__controls">
        <SelectField
          label="Before"
          value={String(before)}
          onChange={(event) => setBefore(Number(event.target.value))}
          options={options}
        />
        <SelectField label="After" value={String(after)} onChange={(event) => setAfter(Number(event.target.value))} options={options} />
        <ToggleGroup label="Compare as" options={MODES} value={mode} onChange={setMode} />
      </div>
      {mode === 'side' ? (
        <div className="compare__side">
          {[before, after].map((number, index) => (
            <figure className="compare__figure" key={index}>
              {image(number, 'compare__image')}
              <figcaption>v{number}</figcaption>
            </figure>
          ))}
        </div>
      ) : (
        <>
          <div className="field compare__opacity">
            <label className="field__label" htmlFor="compare-opacity">
              Opacity of v{after}: {opacity}%
            </label>
            <input
              id="compare-opacity"
              type="range"
              min={0}
              max={100}
              value={opacity}
              onChange={(event) => setOpacity(Number(event.target.value))}
            />
          </div>
          <div className="compare__overlay">
            {image(before, 'compare__layer')}
            {image(after, 'compare__layer', { opacity: opacity / 100 })}
          </div>
        </>
      )}
    </section>
  );
}
