// Saves an exported picture in the browser: the server draws the SVG; a PNG is that SVG drawn onto a canvas.

function save(name, blob) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export async function download(name, content) {
    save(name, new Blob([await content.arrayBuffer()], { type: 'image/svg+xml' }));
}

export async function downloadPng(name, content) {
    const svg = new TextDecoder().decode(await content.arrayBuffer());
    const image = new Image();
    // A data: URL, because the content security policy lets images come only from this app or data: URLs.
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
    await image.decode();
    // Twice the SVG's size, so the picture stays sharp on a projector or in a printed report.
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth * scale;
    canvas.height = image.naturalHeight * scale;
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const png = await new Promise(resolve => canvas.toBlob(resolve, 'image/png'));
    save(name, png);
}
