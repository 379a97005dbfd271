/**
 * Heart-rate-corrected QT interval in ms from the QT interval in ms and the heart rate in /min,
 * unrounded. Both formulas divide by a power of the RR interval in seconds (RR = 60 / HR), so a
 * QT measured at 60/min is its own QTc.
 */

/** Fridericia LS. Die Systolendauer im Elektrokardiogramm bei normalen Menschen und bei Herzkranken. Acta Med Scand 1920;53:469-86: QT / RR^(1/3). */
export function qtcFridericia(qtMs: number, heartRatePerMin: number): number {
  return qtMs / Math.cbrt(60 / heartRatePerMin);
}

/** Bazett HC. An analysis of the time-relations of electrocardiograms. Heart 1920;7:353-70: QT / RR^(1/2). */
export function qtcBazett(qtMs: number, heartRatePerMin: number): number {
  return qtMs / Math.sqrt(60 / heartRatePerMin);
}
