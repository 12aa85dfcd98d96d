/**
 * The licences offered in the publish dialog: SPDX ids used for research
 * code, data and text (https://spdx.org/licenses/), most common first.
 */
export const SPDX_LICENSES: ReadonlyArray<{ id: string; name: string }> = [
  { id: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0 International' },
  { id: 'CC0-1.0', name: 'Creative Commons Zero v1.0 Universal' },
  { id: 'MIT', name: 'MIT License' },
  { id: 'Apache-2.0', name: 'Apache License 2.0' },
  { id: 'BSD-3-Clause', name: 'BSD 3-Clause "New" or "Revised" License' },
  { id: 'BSD-2-Clause', name: 'BSD 2-Clause "Simplified" License' },
  { id: 'GPL-3.0-or-later', name: 'GNU General Public License v3.0 or later' },
  { id: 'GPL-3.0-only', name: 'GNU General Public License v3.0 only' },
  { id: 'LGPL-3.0-or-later', name: 'GNU Lesser General Public License v3.0 or later' },
  { id: 'MPL-2.0', name: 'Mozilla Public License 2.0' },
  { id: 'AGPL-3.0-or-later', name: 'GNU Affero General Public License v3.0 or later' },
  { id: 'CC-BY-SA-4.0', name: 'Creative Commons Attribution Share Alike 4.0 International' },
  { id: 'CC-BY-NC-4.0', name: 'Creative Commons Attribution Non Commercial 4.0 International' },
  { id: 'CC-BY-NC-SA-4.0', name: 'Creative Commons Attribution Non Commercial Share Alike 4.0 International' },
  { id: 'CC-BY-ND-4.0', name: 'Creative Commons Attribution No Derivatives 4.0 International' },
  { id: 'ODbL-1.0', name: 'Open Data Commons Open Database License v1.0' },
  { id: 'ODC-By-1.0', name: 'Open Data Commons Attribution License v1.0' },
  { id: 'PDDL-1.0', name: 'Open Data Commons Public Domain Dedication & License 1.0' },
  { id: 'Unlicense', name: 'The Unlicense' },
  { id: 'ISC', name: 'ISC License' }
];
