/**
 * Which version a file's page shows and reviews: the one named in the address
 * (`?version=2`), when the file has it; otherwise the newest, which the page then follows as
 * new versions come.
 */
export function chosenVersion(param: string | null, latest: number): number {
  if (!param || !/^[1-9][0-9]*$/.test(param)) return latest;
  const number = Number(param);
  return number <= latest ? number : latest;
}

/** The address's search for showing `number`: none for the newest, so that the page keeps following it. */
export const versionSearch = (number: number, latest: number): string => (number === latest ? '' : `?version=${number}`);
