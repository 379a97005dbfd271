/** A FHIR resource as read from an export line. */
export type Resource = Record<string, unknown>;

export interface PatientBundle {
  readonly patientId: string;
  /** A FHIR R4 collection Bundle of exactly this patient's resources, the Patient first. */
  readonly bundle: Resource;
}

/**
 * A patient's resources as the FHIR R4 Bundle the in-process path reads. The Patient's fullUrl is
 * its `urn:uuid:`, so that records referring to it that way resolve to it.
 */
export function bundleOf(patientId: string, resources: readonly Resource[]): PatientBundle {
  const ordered = [...resources].sort(
    (a, b) => Number(b.resourceType === 'Patient') - Number(a.resourceType === 'Patient'),
  );
  return {
    patientId,
    bundle: {
      resourceType: 'Bundle',
      type: 'collection',
      entry: ordered.map((resource) =>
        resource.resourceType === 'Patient' ? { fullUrl: `urn:uuid:${patientId}`, resource } : { resource },
      ),
    },
  };
}
