// Runs before the page is drawn (a blocking script in index.html, allowed by the CSP as the
// console's own file): applies the saved theme (or the system's) so the first paint is never in
// the wrong one. Same key and values as Mantine's localStorageColorSchemeManager (src/web/app/theme.ts).
(function () {
  var scheme = 'light';
  try {
    var saved = window.localStorage.getItem('dcs-console.color-scheme');
    if (saved === 'light' || saved === 'dark') scheme = saved;
    else if (window.matchMedia('(prefers-color-scheme: dark)').matches) scheme = 'dark';
  } catch {
    // storage disabled: the system's theme, or light
  }
  document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
})();
