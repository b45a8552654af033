// Failure converter of every Temporal client, worker and workflow bundle of the hub: error messages and stack
// traces go into an encoded payload (which the payload codec encrypts) instead of clear text in the history.
// CommonJS, because the SDK loads it with require() from a path, also in processes without a TypeScript loader.
/* global require, exports */
'use strict';
const { DefaultFailureConverter } = require('@temporalio/common'); // eslint-disable-line @typescript-eslint/no-require-imports

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
