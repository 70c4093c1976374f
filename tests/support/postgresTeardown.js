module.exports = require('./postgres').teardown;
