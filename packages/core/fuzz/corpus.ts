/**
 * The corpus protocols cut into small ones: the header, one criterion, and the declarations it
 * uses (through defines, transitively). A whole protocol takes tens of milliseconds to compile and
 * one criterion about one, so mutating these reaches every construct of the corpus a hundred
 * times as often for the same time; whole files are mutated too, less often.
 */
export function smallProtocols(text: string): string[] {
  const items = topLevelItems(text);
  const header = items.filter((i) => /^(trial|version|records|screening)\b/.test(i.text));
  const declarations = new Map<string, string>();
  for (const i of items) {
    const m =
      /^(patient|lab|test|condition|medication|procedure|allergy|encounter|question|define)\s+([^\s"]+)/u.exec(
        i.text,
      );
    if (m) declarations.set(m[2]!, i.text);
  }
  const criteria = items
    .filter((i) => /^(inclusion|exclusion)\b/.test(i.text))
    .flatMap((section) => criteriaOf(section.text).map((c) => ({ list: section.text.split(/\s/)[0]!, c })));
  return criteria.map(({ list, c }) => {
    const used = new Set<string>();
    const pending = [c];
    while (pending.length > 0) {
      for (const [w] of pending.pop()!.matchAll(/[\p{L}_][\p{L}\p{N}_]*/gu)) {
        const decl = declarations.get(w);
        if (decl !== undefined && !used.has(w)) {
          used.add(w);
          pending.push(decl);
        }
      }
    }
    const decls = [...declarations].filter(([name]) => used.has(name)).map(([, d]) => d);
    return [...header.map((h) => h.text), ...decls, list, c].join('\n');
  });
}

/** Items that start at the start of a line, with the indented lines that follow them; comments dropped. */
function topLevelItems(text: string): { text: string }[] {
  const items: { text: string }[] = [];
  for (const line of text.split('\n')) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    if (/^\S/.test(line)) items.push({ text: line });
    else if (items.length > 0) items[items.length - 1]!.text += `\n${line}`;
  }
  return items;
}

/** The criteria of a section: each from its first line (the least indented) to the next. */
function criteriaOf(section: string): string[] {
  const lines = section.split('\n').slice(1);
  const indent = Math.min(...lines.map((l) => /^\s*/.exec(l)![0].length));
  const criteria: string[] = [];
  for (const line of lines) {
    if (/^\s*$/.test(line)) continue;
    if (/^\s*/.exec(line)![0].length === indent) criteria.push(line);
    else if (criteria.length > 0) criteria[criteria.length - 1] += `\n${line}`;
  }
  return criteria;
}
