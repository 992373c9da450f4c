// Exports nothing: msgpackr checks `if (extractor)` and falls back to its pure-JavaScript decoder.
module.exports = undefined
