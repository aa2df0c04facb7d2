// Small browser helpers for the network diagram.
window.patchwork = {
    // Moves keyboard focus to a node on the canvas (arrow-key navigation between connected nodes).
    focusNode(key) {
        const element = document.querySelector(`[data-node-key="${CSS.escape(key)}"]`);
        if (element) {
            element.focus();
            element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        }
    },
    // Moves keyboard focus to the first element a selector matches, focusable or not (a heading, a list).
    focusFirst(selector) {
        const element = document.querySelector(selector);
        if (element) {
            if (!element.matches('a[href], button, input, select, textarea, [tabindex]')) {
                element.setAttribute('tabindex', '-1');
            }
            element.focus();
        }
    },
    // Names the SVG the diagram library draws the lines in, which it leaves unnamed, and points it at the
    // diagram's long description.
    nameDiagram(name, descriptionId) {
        for (const svg of document.querySelectorAll('svg.diagram-svg-layer')) {
            svg.setAttribute('role', 'img');
            svg.setAttribute('aria-label', name);
            svg.setAttribute('aria-describedby', descriptionId);
        }
    },
};

// Arrow keys on a node move between nodes; they must not also scroll the page or pan the canvas.
document.addEventListener('keydown', event => {
    if (event.target instanceof Element && event.target.matches('[data-node-key]')
        && ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', ' ', 'Enter'].includes(event.key)) {
        event.preventDefault();
    }
}, true);

// A link that jumps within the page (a skip link) moves keyboard focus too, not only the scroll position, so the
// next Tab starts from where it points.
document.addEventListener('click', event => {
    const link = event.target instanceof Element ? event.target.closest('a[data-focus-target]') : null;
    if (link && document.querySelector(link.dataset.focusTarget)) {
        event.preventDefault();
        event.stopPropagation();
        window.patchwork.focusFirst(link.dataset.focusTarget);
    }
}, true);
