/** @odoo-module **/

function base64ToBytes(content) {
  const binary = atob(content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/** Save a {filename, mimetype, content (base64)} answer through a temporary link. */
export function downloadFile({filename, mimetype, content}) {
  const blob = new Blob([base64ToBytes(content)], {
    type: mimetype || "application/octet-stream",
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename || "report";
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
