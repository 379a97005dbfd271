import type { Entry, Patient } from '../bundle';
import { toPartialDate } from '../dates';
import { elementsOfKind } from '../elements';
import { severalPatients } from '../warnings';
import type { Reading } from './context';

/** The birth date (at its precision) and administrative gender of the bundle's first Patient. */
export function readPatients(reading: Reading, patients: readonly Entry<Patient>[]): void {
  const [patient, ...others] = patients;
  if (!patient) return;
  if (others.length > 0) reading.warn(severalPatients(patients.length, others[0]!.path));
  for (const element of elementsOfKind(reading.info, 'patient')) {
    const { birthDate, gender } = patient.resource;
    if (element.patientField === 'birthDate' && birthDate !== undefined) {
      reading.values.set(element.id, toPartialDate(birthDate));
    }
    if (element.patientField === 'gender' && gender !== undefined) reading.values.set(element.id, gender);
  }
}
