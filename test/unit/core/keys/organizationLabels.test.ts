/** Organization labels: the label shown, a typed label checked, and the labels stored and read back. */
import assert from 'node:assert/strict';
import { english } from '../../../../src/core/common/messages';
import { cleanDisplayName } from '../../../../src/core/common/text';
import { organizationDisplayLabel, organizationLabelProblem, readOrganizationLabels, withOrganizationLabel } from '../../../../src/core/keys/organizationLabels';

const ORG = '0b6c1d2e-3f40-4a5b-8c6d-7e8f90a11c2d';

describe('organization labels', () => {
  it('shows the server name, else `label (0b6c1d2e…1c2d)`, else the short id', () => {
    assert.equal(organizationDisplayLabel(ORG, 'Acme Inc.', 'mine'), 'Acme Inc.');
    assert.equal(organizationDisplayLabel(ORG, undefined, 'Acme staging'), 'Acme staging (0b6c1d2e…1c2d)');
    assert.equal(organizationDisplayLabel(ORG, '  ', 'Acme staging'), 'Acme staging (0b6c1d2e…1c2d)');
    assert.equal(organizationDisplayLabel(ORG), '0b6c1d2e…1c2d');
    assert.equal(organizationDisplayLabel(ORG, undefined, ' '), '0b6c1d2e…1c2d');
  });

  it('validates a typed label', () => {
    assert.equal(organizationLabelProblem('Acme staging'), undefined);
    assert.equal(organizationLabelProblem(''), undefined, 'empty removes the label');
    assert.match(english(organizationLabelProblem('a\nb')!), /control characters/);
    assert.match(english(organizationLabelProblem('x'.repeat(61))!), /at most 60/);
  });

  it('are stored as { orgId: label } and read back defensively', () => {
    let stored: unknown = undefined;
    stored = withOrganizationLabel(stored, ORG.toUpperCase(), ' Acme ');
    assert.deepEqual(stored, { [ORG]: 'Acme' });
    stored = withOrganizationLabel(stored, 'other', 'Other');
    assert.deepEqual(readOrganizationLabels(stored), new Map([[ORG, 'Acme'], ['other', 'Other']]));
    stored = withOrganizationLabel(stored, ORG, '');
    assert.deepEqual(stored, { other: 'Other' });
    assert.deepEqual(readOrganizationLabels(['x']), new Map());
    assert.deepEqual(readOrganizationLabels('x'), new Map());
    assert.deepEqual(readOrganizationLabels({ a: 3, b: '', c: 'C', ' ': 'blank id' }), new Map([['c', 'C']]));
    assert.equal(cleanDisplayName(undefined), undefined);
  });
});
