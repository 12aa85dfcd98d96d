import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DATACITE_RELATION_TYPES } from '../src/api/graph-schemas.js';
import { bareDoi, catalogIdOf, catalogNodeId, newNodeId, orcidChecksumValid } from '../src/graph/ids.js';
import { inverseRelation } from '../src/graph/relations.js';
import { searchWords } from '../src/graph/search.js';

describe('graph ids', () => {
  it('checks ORCID iDs with ISO 7064 MOD 11-2', () => {
    for (const valid of ['0000-0002-1825-0097', '0000-0001-5109-3700', '0000-0002-1694-233X', '0000-0002-9079-593X']) {
      assert.ok(orcidChecksumValid(valid), valid);
    }
    for (const invalid of ['0000-0002-1825-0098', '0000-0002-1694-2330', '0000-0002-1825-009', 'abcd-0002-1825-0097']) {
      assert.ok(!orcidChecksumValid(invalid), invalid);
    }
  });

  it('makes stable-looking ids by kind, and catalog dataset ids', () => {
    assert.match(newNodeId('ProjectCode'), /^code-[a-km-z2-9]{12}$/);
    assert.match(newNodeId('Person'), /^person-/);
    assert.notEqual(newNodeId('Paper'), newNodeId('Paper'));
    assert.equal(catalogNodeId('leap:sst'), 'dataset:leap:sst');
    assert.equal(catalogIdOf('dataset:leap:sst'), 'leap:sst');
    assert.equal(catalogIdOf('code-abc'), null);
  });

  it('stores DOIs bare', () => {
    assert.equal(bareDoi('https://doi.org/10.5281/zenodo.1'), '10.5281/zenodo.1');
    assert.equal(bareDoi('doi:10.5281/zenodo.1'), '10.5281/zenodo.1');
    assert.equal(bareDoi(' 10.5281/zenodo.1 '), '10.5281/zenodo.1');
  });
});

describe('relations', () => {
  it('every DataCite relation but IsPublishedIn has an inverse, and inverting twice is the identity', () => {
    for (const relation of DATACITE_RELATION_TYPES) {
      const inverse = inverseRelation(relation);
      if (relation === 'IsPublishedIn') {
        assert.equal(inverse, null);
        continue;
      }
      assert.ok(inverse !== null, relation);
      assert.equal(inverseRelation(inverse), relation);
    }
    assert.equal(inverseRelation('References'), 'IsReferencedBy');
    assert.equal(inverseRelation('Creator'), null);
  });

  it('has no "Uses": it is no DataCite relation type', () => {
    assert.ok(!(DATACITE_RELATION_TYPES as readonly string[]).includes('Uses'));
  });
});

describe('graph search words', () => {
  it('lower-cases, splits on spaces, keeps at most 8 words', () => {
    assert.deepEqual(searchWords('  Sea SURFACE  temp '), ['sea', 'surface', 'temp']);
    assert.equal(searchWords('a b c d e f g h i j').length, 8);
    assert.deepEqual(searchWords(undefined), []);
  });
});
