// "Did you mean …?" for mistyped commands, provider ids and model ids. One small edit-distance
// function (optimal string alignment): a dependency would be larger than it.

/** Edit distance of `a` and `b` (case-insensitive), a swap of two neighbours counting as one edit. */
function distance(a, b) {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The candidate closest to `word` if it is close enough to be a typo, else `undefined`. */
export function closest(word, candidates) {
  let best;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  // A third of the word (at least 1, at most 3 edits): "antropic" finds "anthropic", "foo" finds nothing.
  return bestDistance <= Math.min(3, Math.max(1, Math.floor(word.length / 3))) ? best : undefined;
}

/** `" (did you mean x?)"` or `""`. */
export function didYouMean(word, candidates) {
  const match = closest(word, candidates);
  return match ? ` (did you mean ${match}?)` : '';
}
