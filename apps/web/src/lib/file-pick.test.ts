import { describe, expect, it } from 'vitest';
import { type FileInputLike, readChosenFile } from './file-pick';

/** A change event as the browser dispatches it: `currentTarget` is null once the handlers return. */
function dispatch<T>(
  input: FileInputLike,
  handler: (event: { currentTarget: FileInputLike | null }) => T,
): T {
  const event: { currentTarget: FileInputLike | null } = { currentTarget: input };
  const result = handler(event);
  event.currentTarget = null;
  return result;
}

const file = (name: string, text: string) => ({ name, text: async () => text });

describe('readChosenFile', () => {
  it('reads the file and empties the input after the event is over', async () => {
    const input: FileInputLike = {
      files: [file('patient.json', '{"sex":"female"}')],
      value: 'C:\\fakepath\\patient.json',
    };
    await expect(dispatch(input, readChosenFile)).resolves.toEqual({
      name: 'patient.json',
      text: '{"sex":"female"}',
    });
    expect(input.value).toBe('');
  });

  it('gives nothing when no file was chosen', async () => {
    await expect(dispatch({ files: [], value: '' }, readChosenFile)).resolves.toBeUndefined();
    await expect(dispatch({ files: null, value: '' }, readChosenFile)).resolves.toBeUndefined();
  });
});
