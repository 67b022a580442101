/** Absolute path of the static assets of the CargoTrace web page (index.html, app.css, js/). */
export declare const webappDir: string;
/** True when the browser TypeScript has been compiled into `webappDir/js`. */
export declare function webappBuilt(): boolean;
