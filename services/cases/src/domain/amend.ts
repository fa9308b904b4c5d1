/** A platform's amendment of its order: the note it sent and, when it sent one, the new text of the description. */
export interface Amendment {
  note: string;
  description?: string;
}
