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
    // An error summary's link: to the field the message is about, found by the form's field key ("GivenName"):
    // an element with that id (a date entry's Day box), a control of that name, or the id in kebab case ("given-name").
    focusField(key) {
        const kebab = key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
        const field = document.getElementById(key)
            ?? document.querySelector(`[name="${CSS.escape(key)}"], [name^="${CSS.escape(key)}-"]`)
            ?? document.getElementById(kebab);
        field?.focus();
        field?.scrollIntoView({ block: 'center' });
    },
    // A native modal dialog: the browser traps focus in it and returns focus to the opener on close.
    showDialog(dialog) {
        if (dialog && !dialog.open) {
            dialog.showModal();
            // Start on the form's first field rather than on the close button above it.
            dialog.querySelector('.pw-dialog-content :is(input:not([type=hidden]), select, textarea, button)')?.focus();
        }
    },
    dialogOpen(dialog) {
        return !!dialog?.open;
    },
    closeDialog(dialog) {
        if (dialog && dialog.open) {
            dialog.close();
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
    // The page's heading after a navigation; on the page's first render only while nothing else has focus.
    focusHeading(selector, pageOpening) {
        const active = document.activeElement;
        if (pageOpening && active && active !== document.body && active !== document.documentElement) {
            return;
        }
        this.focusFirst(selector);
    },
    // The window's height, in CSS pixels: a meeting's diagram draws its words larger on a larger screen.
    screenHeight() {
        return window.innerHeight;
    },
    // Marks the canvas with the zoom the network was last fitted at, for whoever needs to know it has been.
    diagramFitted(zoom) {
        const canvas = document.querySelector('.pw-canvas');
        if (canvas) {
            canvas.dataset.fittedZoom = String(zoom);
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

// MudBlazor's autocomplete draws its suggestions as a listbox with no name and with each option in the Tab order,
// while the input already moves between them with aria-activedescendant. Until the library does it, name the list
// after its input's label and take the options out of the Tab order, as the combobox pattern asks.
new MutationObserver(() => {
    for (const input of document.querySelectorAll('input[role="combobox"][aria-controls]')) {
        const list = document.getElementById(input.getAttribute('aria-controls'));
        if (!list) {
            continue;
        }
        const label = input.labels?.[0];
        if (label && !list.hasAttribute('aria-labelledby')) {
            label.id ||= `${input.id}-label`;
            list.setAttribute('aria-labelledby', label.id);
        }
        for (const option of list.querySelectorAll('[role="option"][tabindex="0"]')) {
            option.setAttribute('tabindex', '-1');
        }
    }
}).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-controls', 'tabindex'] });

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
