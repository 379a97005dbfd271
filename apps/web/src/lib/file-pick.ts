/** The part of an `<input type="file">` that reading the chosen file needs. */
export interface FileInputLike {
  readonly files: ArrayLike<Pick<File, 'name' | 'text'>> | null;
  value: string;
}

/**
 * The file chosen in a file input's `change` event, read as text. The input is taken from the
 * event before the first `await`: the browser clears `event.currentTarget` once dispatch ends.
 * Afterwards the input is emptied so that the same file can be chosen again after it was edited.
 */
export async function readChosenFile(event: {
  readonly currentTarget: FileInputLike | null;
}): Promise<{ name: string; text: string } | undefined> {
  const input = event.currentTarget;
  const file = input?.files?.[0];
  if (!input || !file) return undefined;
  const text = await file.text();
  input.value = '';
  return { name: file.name, text };
}
