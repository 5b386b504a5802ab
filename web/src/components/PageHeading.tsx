import { useEffect } from 'react';
import { PRODUCT_NAME } from '../product';

interface PageHeadingProps {
  title: string;
}

/** The page's visible heading; also names the browser tab after it. */
export function PageHeading({ title }: PageHeadingProps) {
  useEffect(() => {
    document.title = `${title} · ${PRODUCT_NAME}`;
  }, [title]);

  return <h2 className="page-heading">{title}</h2>;
}
