// The overview spans every target: one key, apart from the per-target task keys (a stop on one
// target never touches it; the overview follows on its own poll).
export const overviewKeys = {
  all: ['overview'] as const,
};
