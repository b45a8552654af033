// Types of eslint.layers.js for the layout test.
export declare const LAYERS: string[][];
export declare function folderOf(relativePath: string): string;
export declare const layersPlugin: unknown;
