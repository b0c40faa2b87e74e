// Moving pictures (upperback.figures): the build computed each figure's movement as CSS keyframes, and the
// pictures play by default. This script only pauses and plays them: the button (a click, or Enter or Space on it)
// toggles one class on its figure and says what it will do next. With reduced motion, in print and without this
// script's page scripts, the still frames stand side by side instead (docs/stylesheets/figures.css).
(function () {
  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("[data-ubf-toggle]");
    const figure = button && button.closest("[data-ubf]");
    if (!figure) return;
    const paused = figure.classList.toggle("ubf-paused");
    const words = window.UpperBackEngine.words(button);  // upperback.page_words, rendered on the button
    button.textContent = paused ? words.play : words.pause;
  });
})();
