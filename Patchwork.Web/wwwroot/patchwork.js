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
