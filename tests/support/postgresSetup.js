module.exports = require('./postgres').setup;
