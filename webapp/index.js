'use strict';
// CommonJS entry for Node: where the built browser assets of the CargoTrace web page live.
// The gateway serves this folder at /app (express.static(webappDir)).
const path = require('path');
const fs = require('fs');

/** Absolute path of the static assets (index.html, app.css, js/). */
const webappDir = path.join(__dirname, 'public');

/** True when the TypeScript sources have been compiled into public/js (by the root `tsc -b`). */
function webappBuilt() {
  return fs.existsSync(path.join(webappDir, 'js', 'main.js'));
}

module.exports = { webappDir, webappBuilt };
