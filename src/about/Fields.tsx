import React, { useId } from 'react';

/**
 * A titled group of label/value rows (a description list).
 */
export function Fields(props: Fields.IProps): JSX.Element {
  const { title, rows, children } = props;
  const titleId = useId();
  return (
    <section className="jp-LeapAbout-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="jp-LeapAbout-sectionTitle">
        {title}
      </h2>
      {children}
      <dl className="jp-LeapAbout-fields">
        {rows.map(([label, value]) => (
          <React.Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </React.Fragment>
        ))}
      </dl>
    </section>
  );
}

export namespace Fields {
  export interface IProps {
    title: string;
    /**
     * [label, value] pairs; a label appears once per group.
     */
    rows: ReadonlyArray<[string, React.ReactNode]>;
    children?: React.ReactNode;
  }
}
