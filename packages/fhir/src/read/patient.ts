import type { Entry, Patient } from '../bundle';
import { toPartialDate } from '../dates';
import { elementsOfKind } from '../elements';
import type { Reading } from './context';

/** The birth date (at its precision) and administrative gender of the bundle's one patient. */
export function readPatient(reading: Reading, patient: Entry<Patient>): void {
  const { birthDate, gender } = patient.resource;
  for (const element of elementsOfKind(reading.info, 'patient')) {
    if (element.patientField === 'birthDate' && birthDate !== undefined) {
      reading.values.set(element.id, toPartialDate(birthDate));
    }
    if (element.patientField === 'gender' && gender !== undefined) reading.values.set(element.id, gender);
  }
}
