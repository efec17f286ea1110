require('./cli.js');
