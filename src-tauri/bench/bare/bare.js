// The bare window's page (scripts/bench-app.sh): the same marks the app sets, so the bench reads
// both the same way — `first-result` after the first frame that shows the page's content.
document.body.dataset.ready = "1";
requestAnimationFrame(() => setTimeout(() => performance.mark("first-result"), 0));
