import fc from 'fast-check';

// Property tests draw a new seed on every run, so a developer's runs keep exploring. With
// ELIGO_PROPERTY_SEED set (the CI script sets it) every run checks the same cases, so a result
// depends on the change under test, not on the draw. A failure prints its seed either way.
const seed = process.env.ELIGO_PROPERTY_SEED;
if (seed !== undefined && seed !== '') {
  const value = Number(seed);
  if (!Number.isSafeInteger(value)) throw new Error(`ELIGO_PROPERTY_SEED must be an integer, not '${seed}'`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: value });
}
