// Fills the projector with the meeting page, or gives the screen back.
export function toggleFullScreen() {
    if (document.fullscreenElement) {
        return document.exitFullscreen();
    }

    return document.documentElement.requestFullscreen?.();
}
