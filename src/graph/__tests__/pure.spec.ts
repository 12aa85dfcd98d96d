import { firstHeading, sha256Hex, titleFromPath } from '../notebook';
import { orcidCheckDigit, parseOrcid } from '../orcid';
import { buildProvenance, parseExpressionValue, PROVENANCE_EXPRESSION } from '../provenance';
import { SPDX_LICENSES } from '../spdx';
import { webcrypto } from 'crypto';

describe('ORCID iDs', () => {
  it('accepts valid iDs, bare or as orcid.org URLs, X check digit included', () => {
    expect(parseOrcid('0000-0002-1825-0097')).toEqual({ orcid: '0000-0002-1825-0097', problem: null });
    expect(parseOrcid(' https://orcid.org/0000-0001-5109-3700 ')).toEqual({ orcid: '0000-0001-5109-3700', problem: null });
    expect(parseOrcid('0000-0002-1694-233x')).toEqual({ orcid: '0000-0002-1694-233X', problem: null });
    expect(orcidCheckDigit('000000021694233')).toBe('X');
  });

  it('names the problem: shape or checksum', () => {
    expect(parseOrcid('0000-0002-1825-0098')).toEqual({ orcid: null, problem: 'checksum' });
    expect(parseOrcid('0000-0002-1825')).toEqual({ orcid: null, problem: 'shape' });
    expect(parseOrcid('ada')).toEqual({ orcid: null, problem: 'shape' });
  });
});

describe('notebook title and checksum', () => {
  it('takes the first heading of a markdown cell, without markup, skipping code fences', () => {
    const cells = [
      { cell_type: 'code', source: '# a Python comment, not a heading' },
      { cell_type: 'markdown', source: ['```\n', '# in a fence\n', '```\n', 'Intro\n'] },
      { cell_type: 'markdown', source: '## Sea *surface* [temperature](https://x.org) trends ##' }
    ];
    expect(firstHeading(cells)).toBe('Sea surface temperature trends');
    expect(firstHeading([{ cell_type: 'markdown', source: 'Ocean heat\n==========\n' }])).toBe('Ocean heat');
    expect(firstHeading([{ cell_type: 'markdown', source: '<h1>Heat <em>budget</em></h1>' }])).toBe('Heat budget');
    expect(firstHeading([{ cell_type: 'markdown', source: 'no heading here' }])).toBeNull();
    expect(titleFromPath('work/sst_trends-2024.ipynb')).toBe('sst trends 2024');
  });

  it('computes sha256 of the UTF-8 bytes', async () => {
    const subtle = webcrypto.subtle as unknown as SubtleCrypto;
    expect(await sha256Hex('abc', subtle)).toEqual({
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      size: 3
    });
    expect((await sha256Hex('é', subtle)).size).toBe(2);
  });
});

describe('provenance', () => {
  it('asks for the key packages in one expression', () => {
    expect(PROVENANCE_EXPRESSION).toContain("'xarray'");
    expect(PROVENANCE_EXPRESSION).toContain('importlib.metadata');
    expect(PROVENANCE_EXPRESSION).not.toContain('\n');
  });

  it('reads the repr of the JSON string the kernel returns', () => {
    const plain = `'{"image": null, "packages": {"numpy": "2.1.0", "xarray": "2025.1.1"}, "python": "3.12.4"}'`;
    expect(parseExpressionValue(plain)).toEqual({
      python: '3.12.4',
      image: null,
      packages: { numpy: '2.1.0', xarray: '2025.1.1' }
    });
    expect(parseExpressionValue('NameError')).toBeNull();
    expect(parseExpressionValue("'not json'")).toBeNull();
  });

  it('builds the provenance from what is known', () => {
    expect(
      buildProvenance({
        kernelName: 'python3',
        language: 'python',
        languageVersion: '3.11.0',
        jupyterlab: '4.6.6',
        facts: { python: '3.12.4', image: 'quay.io/leap/img:1', packages: { xarray: '2025.1.1' } }
      })
    ).toEqual({
      kernel: 'python3 (Python 3.12.4)',
      jupyterlab: '4.6.6',
      image: 'quay.io/leap/img:1',
      packages: { xarray: '2025.1.1' }
    });
    expect(buildProvenance({ jupyterlab: '4.6.6' })).toEqual({ jupyterlab: '4.6.6' });
  });
});

describe('licences', () => {
  it('offers distinct SPDX ids', () => {
    const ids = SPDX_LICENSES.map(l => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('CC-BY-4.0');
  });
});
