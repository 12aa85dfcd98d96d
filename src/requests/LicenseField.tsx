import type { TranslationBundle } from '@jupyterlab/translation';
import type { SpdxLicense } from 'leap-hub-service/dist/api/requests-schemas';
import * as React from 'react';
import { filterLicenses } from './form';

/**
 * The License field: free text (an SPDX id, "Unknown" or a URL) with a list
 * of matching SPDX licenses (ARIA 1.2 combobox: arrows move, Enter picks,
 * Escape closes).
 */
export function LicenseField(props: LicenseField.IProps): JSX.Element {
  const { id, value, licenses, onChange, trans, invalid, describedBy } = props;
  const [open, setOpen] = React.useState(false);
  const [active, setActive] = React.useState(-1);
  const options = React.useMemo(() => (open ? filterLicenses(licenses, value) : []), [open, licenses, value]);
  const listId = `${id}-options`;
  const pick = (license: SpdxLicense) => {
    onChange(license.id);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive(index => Math.min(index + 1, options.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(index => Math.max(index - 1, 0));
    } else if (event.key === 'Enter' && open && active >= 0 && options[active]) {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };
  const shown = open && options.length > 0;
  return (
    <div className="jp-LeapRequests-combobox">
      <input
        id={id}
        className="jp-mod-styled jp-LeapRequests-input"
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        aria-required={true}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={event => {
          onChange(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={trans.__('SPDX licenses')} className="jp-LeapRequests-options" hidden={!shown}>
        {options.map((license, index) => (
          <li
            key={license.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'jp-LeapRequests-option jp-mod-active' : 'jp-LeapRequests-option'}
            // mousedown, not click: the input's blur would close the list first
            onMouseDown={event => {
              event.preventDefault();
              pick(license);
            }}
          >
            <span className="jp-LeapRequests-optionId">{license.id}</span> <span className="jp-LeapRequests-optionName">{license.name}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export namespace LicenseField {
  export interface IProps {
    id: string;
    value: string;
    licenses: ReadonlyArray<SpdxLicense>;
    onChange: (value: string) => void;
    trans: TranslationBundle;
    invalid: boolean;
    describedBy?: string;
  }
}
