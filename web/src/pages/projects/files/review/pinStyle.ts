import type { CSSProperties } from 'react';
import type { PinArea } from '../../../../files/pinGeometry';

const percent = (fraction: number) => `${fraction * 100}%`;

/** Where a pin sits over the image, in the image's own proportions (so it zooms and moves with it). */
export function areaStyle(pin: PinArea): CSSProperties {
  return {
    left: percent(pin.x),
    top: percent(pin.y),
    ...(pin.width !== null && pin.height !== null ? { width: percent(pin.width), height: percent(pin.height) } : {}),
  };
}

/** Only the pin's corner: where its marker goes. */
export const cornerStyle = (pin: PinArea): CSSProperties => areaStyle({ ...pin, width: null, height: null });
