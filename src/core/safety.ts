/** Carried by `connect --help` and `connect remind --all`, always (EVIDENCE.md, safety wording). */
export const CRISIS_LINE =
  'If you are in crisis: in the US, call or text 988; elsewhere, findahelpline.com lists local services.';
