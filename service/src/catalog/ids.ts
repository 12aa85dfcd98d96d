/** A lower-case slug of [a-z0-9._-], at most 80 characters; "" when nothing is left. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 80)
    .replace(/[-._]+$/, '');
}

/** Hands out ids unique within one scope: a taken id gets "-2", "-3", … in order of arrival. */
export class UniqueIds {
  private readonly taken = new Set<string>();

  /** The id to use and whether it had to change. */
  claim(wanted: string): { id: string; changed: boolean } {
    let id = wanted;
    for (let n = 2; this.taken.has(id); n++) {
      id = `${wanted}-${n}`;
    }
    this.taken.add(id);
    return { id, changed: id !== wanted };
  }
}
